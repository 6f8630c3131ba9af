from fiscalint.cli import main

main()
