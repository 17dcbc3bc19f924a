// PLACEHOLDER: engine part, being written.
