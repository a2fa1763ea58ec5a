from mxlint.cli import main

main()
