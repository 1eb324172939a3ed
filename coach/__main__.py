"""`python -m coach` starts the same entry point as the `coach` script."""

from coach.app import main

raise SystemExit(main())
