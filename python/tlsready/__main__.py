import sys

from tlsready.cli import main

sys.exit(main())
