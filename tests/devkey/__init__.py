"""The development answer key: dantri articles annotated by hand (facts and ids only)."""
