from fiscalint.cli import run

run()
