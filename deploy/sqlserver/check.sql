-- What to look at on a SQL Server after schema.sql (docs/operations.md, SQL Server). Read-only; run with
--   sqlcmd -S sql.example.gov.vn -d partycard -I -i deploy/sqlserver/check.sql
-- Each query names what it expects.

-- One row: the Initial migration, product version 10.0.15.
SELECT [MigrationId], [ProductVersion] FROM [__EFMigrationsHistory] ORDER BY [MigrationId];

-- One row: AuditEntries_no_change, an INSTEAD OF trigger, not disabled.
SELECT [name], [is_instead_of_trigger], [is_disabled]
FROM [sys].[triggers]
WHERE [parent_id] = OBJECT_ID(N'[dbo].[AuditEntries]');

-- One row: unique, filtered on ([State]<>N'Cancelled').
SELECT [name], [is_unique], [has_filter], [filter_definition]
FROM [sys].[indexes]
WHERE [object_id] = OBJECT_ID(N'[dbo].[Applications]') AND [name] = N'UX_Applications_ActiveMember';

-- Compatibility level 130 or higher.
SELECT [name], [compatibility_level], [is_read_committed_snapshot_on], [snapshot_isolation_state_desc]
FROM [sys].[databases]
WHERE [name] = DB_NAME();

-- The nodes' login: member of db_datareader and db_datawriter only; DENY UPDATE and DELETE on AuditEntries.
SELECT [r].[name] AS [role]
FROM [sys].[database_role_members] AS [m]
JOIN [sys].[database_principals] AS [r] ON [r].[principal_id] = [m].[role_principal_id]
WHERE [m].[member_principal_id] = DATABASE_PRINCIPAL_ID(N'partycard');
SELECT [permission_name], [state_desc]
FROM [sys].[database_permissions]
WHERE [grantee_principal_id] = DATABASE_PRINCIPAL_ID(N'partycard') AND [major_id] = OBJECT_ID(N'[dbo].[AuditEntries]');
