"""`python -m sharedspace`: the same as the `sharedspace` command."""

from sharedspace.cli.main import main

raise SystemExit(main())
