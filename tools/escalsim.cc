// PLACEHOLDER: replaced by the program's main.
int main() { return 0; }
