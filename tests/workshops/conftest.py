from tests.governance.conftest import cast, own, shared, shared_guest  # noqa: F401  (shared fixtures)
