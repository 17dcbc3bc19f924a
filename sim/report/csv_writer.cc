// PLACEHOLDER: replaced by the report writers.
