"""The built-in rule plugins. Each module implements ``fiscalint_rules``
(and maybe ``fiscalint_rule_packs``) exactly as a third-party plugin would."""
