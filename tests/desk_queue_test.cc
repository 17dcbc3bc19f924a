// PLACEHOLDER: tests to be written.
#include <doctest/doctest.h>
