"""Research assistant."""
