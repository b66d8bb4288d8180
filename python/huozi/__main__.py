from huozi.cli import main

raise SystemExit(main())
