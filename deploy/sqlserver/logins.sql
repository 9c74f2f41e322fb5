-- Rights of the web nodes' login on the partycard database (SQL Server). Run with sqlcmd as a sysadmin, after the
-- schema is in (schema.sql), and again after every upgrade; every statement may run twice:
--   sqlcmd -S sql.example.gov.vn -d partycard -I -b -v AppPassword="..." -i deploy/sqlserver/logins.sql
-- The schema belongs to the database owner, who runs schema.sql (or the migrate command). The nodes' login only
-- reads and writes rows: without ALTER it can neither drop the audit table's trigger nor TRUNCATE the table.

IF SUSER_ID(N'partycard') IS NULL
    CREATE LOGIN [partycard] WITH PASSWORD = N'$(AppPassword)', CHECK_POLICY = ON;
GO

IF DATABASE_PRINCIPAL_ID(N'partycard') IS NULL
    CREATE USER [partycard] FOR LOGIN [partycard];
GO

ALTER ROLE [db_datareader] ADD MEMBER [partycard];
ALTER ROLE [db_datawriter] ADD MEMBER [partycard];

-- The trigger refuses these already; the denial keeps them refused should the trigger ever be dropped.
DENY UPDATE, DELETE ON [dbo].[AuditEntries] TO [partycard];
GO
