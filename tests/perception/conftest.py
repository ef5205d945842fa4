from tests.governance.conftest import cast, own, shared  # noqa: F401  (shared fixtures)
