//! Helpers shared by the integration tests (kept empty on purpose: each test file is self-contained).
