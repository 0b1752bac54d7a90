-- Rules v2 replaced the single seeded Karnataka welfare fee (in-ka-welfare-fee-platform, 1% from
-- 2026-02-13, no cap) by one rule per service and vehicle (rules/in.json). The seed only adds missing
-- rows, so a database seeded before would charge both. Rule versions are immutable once used: the old
-- version is removed only where no ledger entry refers to it; where one does, the operator must decide
-- (README "Upgrading a database seeded before rules v2").
DELETE FROM `contribution_rules`
WHERE `code` = 'in-ka-welfare-fee-platform' AND `effective_from` = '2026-02-13'
  AND NOT EXISTS (SELECT 1 FROM `ledger_entries` WHERE `ledger_entries`.`rule_id` = `contribution_rules`.`id`);
