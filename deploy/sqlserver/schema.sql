IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE TABLE [AspNetRoles] (
        [Id] nvarchar(450) NOT NULL,
        [Name] nvarchar(256) NULL,
        [NormalizedName] nvarchar(256) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoles] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE TABLE [AuditEntries] (
        [Id] bigint NOT NULL IDENTITY,
        [At] datetime2 NOT NULL,
        [UserName] nvarchar(256) NULL,
        [Role] nvarchar(50) NULL,
        [CommuneId] int NULL,
        [ProvinceId] int NULL,
        [Action] nvarchar(30) NOT NULL,
        [MemberId] int NULL,
        [Target] nvarchar(300) NULL,
        [Address] nvarchar(64) NULL,
        [PreviousHash] varchar(64) NOT NULL,
        [Hash] varchar(64) NOT NULL,
        CONSTRAINT [PK_AuditEntries] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE TABLE [DataProtectionKeys] (
        [Id] int NOT NULL IDENTITY,
        [FriendlyName] nvarchar(max) NULL,
        [Xml] nvarchar(max) NULL,
        CONSTRAINT [PK_DataProtectionKeys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE TABLE [Provinces] (
        [Id] int NOT NULL IDENTITY,
        [Code] nvarchar(8) NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [CampaignStart] date NULL,
        [Deadline] date NULL,
        CONSTRAINT [PK_Provinces] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE TABLE [WorkerLeases] (
        [Name] nvarchar(64) NOT NULL,
        [Holder] nvarchar(200) NOT NULL,
        [ExpiresAt] datetime2 NOT NULL,
        [Rounds] bigint NOT NULL,
        CONSTRAINT [PK_WorkerLeases] PRIMARY KEY ([Name])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE TABLE [AspNetRoleClaims] (
        [Id] int NOT NULL IDENTITY,
        [RoleId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoleClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetRoleClaims_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE TABLE [Communes] (
        [Id] int NOT NULL IDENTITY,
        [ProvinceId] int NOT NULL,
        [Code] nvarchar(8) NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Deadline] date NULL,
        [WalkInReservePercent] int NOT NULL,
        [AutoApproveMatches] bit NOT NULL,
        [EligibleMembers] int NOT NULL,
        [ExcusedMembers] int NOT NULL,
        CONSTRAINT [PK_Communes] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Communes_Provinces_ProvinceId] FOREIGN KEY ([ProvinceId]) REFERENCES [Provinces] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE TABLE [ApplicationDayCounts] (
        [CommuneId] int NOT NULL,
        [Day] date NOT NULL,
        [State] nvarchar(20) NOT NULL,
        [Verification] nvarchar(20) NOT NULL,
        [HasWarnings] bit NOT NULL,
        [Count] int NOT NULL,
        CONSTRAINT [PK_ApplicationDayCounts] PRIMARY KEY ([CommuneId], [Day], [State], [Verification], [HasWarnings]),
        CONSTRAINT [FK_ApplicationDayCounts_Communes_CommuneId] FOREIGN KEY ([CommuneId]) REFERENCES [Communes] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE TABLE [AspNetUsers] (
        [Id] nvarchar(450) NOT NULL,
        [DisplayName] nvarchar(200) NOT NULL,
        [ProvinceId] int NULL,
        [CommuneId] int NULL,
        [IsDemo] bit NOT NULL,
        [MustChangePassword] bit NOT NULL,
        [DisabledAt] datetime2 NULL,
        [UserName] nvarchar(256) NULL,
        [NormalizedUserName] nvarchar(256) NULL,
        [Email] nvarchar(256) NULL,
        [NormalizedEmail] nvarchar(256) NULL,
        [EmailConfirmed] bit NOT NULL,
        [PasswordHash] nvarchar(max) NULL,
        [SecurityStamp] nvarchar(max) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        [PhoneNumber] nvarchar(max) NULL,
        [PhoneNumberConfirmed] bit NOT NULL,
        [TwoFactorEnabled] bit NOT NULL,
        [LockoutEnd] datetimeoffset NULL,
        [LockoutEnabled] bit NOT NULL,
        [AccessFailedCount] int NOT NULL,
        CONSTRAINT [PK_AspNetUsers] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetUsers_Communes_CommuneId] FOREIGN KEY ([CommuneId]) REFERENCES [Communes] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_AspNetUsers_Provinces_ProvinceId] FOREIGN KEY ([ProvinceId]) REFERENCES [Provinces] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE TABLE [IntakeSites] (
        [Id] int NOT NULL IDENTITY,
        [CommuneId] int NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Address] nvarchar(500) NULL,
        [OpensAt] time NOT NULL,
        [ClosesAt] time NOT NULL,
        [MinutesPerMember] int NOT NULL,
        [WeeklyHoursJson] nvarchar(2000) NULL,
        [ExceptionsJson] nvarchar(max) NULL,
        CONSTRAINT [PK_IntakeSites] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_IntakeSites_Communes_CommuneId] FOREIGN KEY ([CommuneId]) REFERENCES [Communes] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE TABLE [MemberImports] (
        [Id] int NOT NULL IDENTITY,
        [CommuneId] int NOT NULL,
        [FileName] nvarchar(260) NOT NULL,
        [UploadedAt] datetime2 NOT NULL,
        [UploadedBy] nvarchar(256) NULL,
        [State] nvarchar(20) NOT NULL,
        [FileError] nvarchar(100) NULL,
        [DataRows] int NOT NULL,
        [ValidRows] int NOT NULL,
        [ErrorCount] int NOT NULL,
        [RowsJson] nvarchar(max) NULL,
        [ErrorsJson] nvarchar(max) NULL,
        [UnknownCellsJson] nvarchar(max) NULL,
        [CreateUnknownCells] bit NOT NULL,
        [ProcessedRows] int NOT NULL,
        [Added] int NOT NULL,
        [Changed] int NOT NULL,
        [Unchanged] int NOT NULL,
        [Skipped] int NOT NULL,
        [CellsCreated] int NOT NULL,
        [CommittedAt] datetime2 NULL,
        CONSTRAINT [PK_MemberImports] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_MemberImports_Communes_CommuneId] FOREIGN KEY ([CommuneId]) REFERENCES [Communes] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE TABLE [PartyCells] (
        [Id] int NOT NULL IDENTITY,
        [CommuneId] int NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [SecretaryName] nvarchar(200) NULL,
        [SecretaryPhone] nvarchar(20) NULL,
        [Availability] nvarchar(20) NOT NULL,
        [IsExternal] bit NOT NULL,
        CONSTRAINT [PK_PartyCells] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_PartyCells_Communes_CommuneId] FOREIGN KEY ([CommuneId]) REFERENCES [Communes] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE TABLE [Transmissions] (
        [Id] uniqueidentifier NOT NULL,
        [CommuneId] int NOT NULL,
        [Day] date NOT NULL,
        [Records] int NOT NULL,
        [Sha256] varchar(64) NOT NULL,
        [Bytes] bigint NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [CreatedBy] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_Transmissions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Transmissions_Communes_CommuneId] FOREIGN KEY ([CommuneId]) REFERENCES [Communes] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserClaims] (
        [Id] int NOT NULL IDENTITY,
        [UserId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetUserClaims_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserLogins] (
        [LoginProvider] nvarchar(450) NOT NULL,
        [ProviderKey] nvarchar(450) NOT NULL,
        [ProviderDisplayName] nvarchar(max) NULL,
        [UserId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_AspNetUserLogins] PRIMARY KEY ([LoginProvider], [ProviderKey]),
        CONSTRAINT [FK_AspNetUserLogins_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserRoles] (
        [UserId] nvarchar(450) NOT NULL,
        [RoleId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_AspNetUserRoles] PRIMARY KEY ([UserId], [RoleId]),
        CONSTRAINT [FK_AspNetUserRoles_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_AspNetUserRoles_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserTokens] (
        [UserId] nvarchar(450) NOT NULL,
        [LoginProvider] nvarchar(450) NOT NULL,
        [Name] nvarchar(450) NOT NULL,
        [Value] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserTokens] PRIMARY KEY ([UserId], [LoginProvider], [Name]),
        CONSTRAINT [FK_AspNetUserTokens_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE TABLE [UserSessions] (
        [Id] nvarchar(64) NOT NULL,
        [UserId] nvarchar(450) NOT NULL,
        [Ticket] varbinary(max) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [ExpiresAt] datetime2 NULL,
        [LastSeenAt] datetime2 NOT NULL,
        CONSTRAINT [PK_UserSessions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_UserSessions_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE TABLE [Devices] (
        [Id] int NOT NULL IDENTITY,
        [CommuneId] int NOT NULL,
        [IntakeSiteId] int NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [IsActive] bit NOT NULL,
        CONSTRAINT [PK_Devices] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Devices_Communes_CommuneId] FOREIGN KEY ([CommuneId]) REFERENCES [Communes] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Devices_IntakeSites_IntakeSiteId] FOREIGN KEY ([IntakeSiteId]) REFERENCES [IntakeSites] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE TABLE [PartyMembers] (
        [Id] int NOT NULL IDENTITY,
        [CommuneId] int NOT NULL,
        [PartyCellId] int NOT NULL,
        [IdNumber] char(12) NOT NULL,
        [FullName] nvarchar(200) NOT NULL,
        [SearchName] nvarchar(200) NOT NULL,
        [SortKey] nvarchar(200) NOT NULL,
        [Sex] nvarchar(10) NOT NULL,
        [BirthYear] int NOT NULL,
        [BirthDate] date NULL,
        [PartyCardNumber] nvarchar(30) NULL,
        [JoinedOn] date NULL,
        [Phone] nvarchar(20) NULL,
        [Address] nvarchar(500) NULL,
        [Exemption] nvarchar(20) NULL,
        [ExemptionNote] nvarchar(500) NULL,
        [ExemptedOn] date NULL,
        [NeedsHomeVisit] bit NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [CreatedByImportId] int NULL,
        [UpdatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_PartyMembers] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_PartyMembers_Communes_CommuneId] FOREIGN KEY ([CommuneId]) REFERENCES [Communes] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_PartyMembers_MemberImports_CreatedByImportId] FOREIGN KEY ([CreatedByImportId]) REFERENCES [MemberImports] ([Id]) ON DELETE SET NULL,
        CONSTRAINT [FK_PartyMembers_PartyCells_PartyCellId] FOREIGN KEY ([PartyCellId]) REFERENCES [PartyCells] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE TABLE [PreCheckRuns] (
        [Id] int NOT NULL IDENTITY,
        [CommuneId] int NOT NULL,
        [PartyCellId] int NULL,
        [RequestedAt] datetime2 NOT NULL,
        [RequestedBy] nvarchar(256) NULL,
        [State] nvarchar(20) NOT NULL,
        [Total] int NOT NULL,
        [Done] int NOT NULL,
        [Matched] int NOT NULL,
        [Warnings] int NOT NULL,
        [Mismatched] int NOT NULL,
        [NotFound] int NOT NULL,
        [Unavailable] int NOT NULL,
        [LastMemberId] int NOT NULL,
        [FinishedAt] datetime2 NULL,
        CONSTRAINT [PK_PreCheckRuns] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_PreCheckRuns_Communes_CommuneId] FOREIGN KEY ([CommuneId]) REFERENCES [Communes] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_PreCheckRuns_PartyCells_PartyCellId] FOREIGN KEY ([PartyCellId]) REFERENCES [PartyCells] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE TABLE [ScheduleSlots] (
        [Id] int NOT NULL IDENTITY,
        [CommuneId] int NOT NULL,
        [IntakeSiteId] int NOT NULL,
        [PartyCellId] int NOT NULL,
        [Start] datetime2 NOT NULL,
        [End] datetime2 NOT NULL,
        [Members] int NOT NULL,
        [IsManual] bit NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_ScheduleSlots] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ScheduleSlots_Communes_CommuneId] FOREIGN KEY ([CommuneId]) REFERENCES [Communes] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_ScheduleSlots_IntakeSites_IntakeSiteId] FOREIGN KEY ([IntakeSiteId]) REFERENCES [IntakeSites] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_ScheduleSlots_PartyCells_PartyCellId] FOREIGN KEY ([PartyCellId]) REFERENCES [PartyCells] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE TABLE [Applications] (
        [Id] uniqueidentifier NOT NULL,
        [IdempotencyKey] uniqueidentifier NOT NULL,
        [CommuneId] int NOT NULL,
        [MemberId] int NOT NULL,
        [IntakeSiteId] int NULL,
        [DeviceId] int NULL,
        [State] nvarchar(20) NOT NULL,
        [Verification] nvarchar(20) NOT NULL,
        [HasWarnings] bit NOT NULL,
        [VerifiedAt] datetime2 NULL,
        [VerificationAttempts] int NOT NULL,
        [NextVerificationAt] datetime2 NULL,
        [SubmittedAt] datetime2 NOT NULL,
        [SubmittedBy] nvarchar(450) NOT NULL,
        [ApprovedAt] datetime2 NULL,
        [ApprovedBy] nvarchar(450) NULL,
        [ReturnReason] nvarchar(1000) NULL,
        [TransmittedAt] datetime2 NULL,
        [TransmissionId] uniqueidentifier NULL,
        [CancelledAt] datetime2 NULL,
        [UpdatedAt] datetime2 NOT NULL,
        [Version] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_Applications] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Applications_Communes_CommuneId] FOREIGN KEY ([CommuneId]) REFERENCES [Communes] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Applications_Devices_DeviceId] FOREIGN KEY ([DeviceId]) REFERENCES [Devices] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Applications_IntakeSites_IntakeSiteId] FOREIGN KEY ([IntakeSiteId]) REFERENCES [IntakeSites] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Applications_PartyMembers_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [PartyMembers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Applications_Transmissions_TransmissionId] FOREIGN KEY ([TransmissionId]) REFERENCES [Transmissions] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE TABLE [CaptureDrafts] (
        [Id] int NOT NULL IDENTITY,
        [CommuneId] int NOT NULL,
        [DeviceId] int NOT NULL,
        [MemberId] int NOT NULL,
        [UserId] nvarchar(450) NOT NULL,
        [IdempotencyKey] uniqueidentifier NOT NULL,
        [Photo] varbinary(max) NULL,
        [Signature] varbinary(max) NULL,
        [Strokes] nvarchar(max) NULL,
        [UpdatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_CaptureDrafts] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_CaptureDrafts_Communes_CommuneId] FOREIGN KEY ([CommuneId]) REFERENCES [Communes] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_CaptureDrafts_Devices_DeviceId] FOREIGN KEY ([DeviceId]) REFERENCES [Devices] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_CaptureDrafts_PartyMembers_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [PartyMembers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE TABLE [HomeVisits] (
        [Id] int NOT NULL IDENTITY,
        [CommuneId] int NOT NULL,
        [MemberId] int NOT NULL,
        [Start] datetime2 NOT NULL,
        [End] datetime2 NOT NULL,
        [Team] nvarchar(100) NOT NULL,
        [OfficerId] nvarchar(450) NULL,
        [Address] nvarchar(500) NOT NULL,
        [Note] nvarchar(500) NULL,
        [Status] nvarchar(20) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_HomeVisits] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_HomeVisits_AspNetUsers_OfficerId] FOREIGN KEY ([OfficerId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE SET NULL,
        CONSTRAINT [FK_HomeVisits_Communes_CommuneId] FOREIGN KEY ([CommuneId]) REFERENCES [Communes] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_HomeVisits_PartyMembers_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [PartyMembers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE TABLE [MemberEvents] (
        [Id] bigint NOT NULL IDENTITY,
        [CommuneId] int NOT NULL,
        [MemberId] int NOT NULL,
        [At] datetime2 NOT NULL,
        [UserName] nvarchar(256) NULL,
        [Kind] nvarchar(30) NOT NULL,
        [Field] nvarchar(50) NULL,
        [OldValue] nvarchar(500) NULL,
        [NewValue] nvarchar(500) NULL,
        [Note] nvarchar(1000) NULL,
        CONSTRAINT [PK_MemberEvents] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_MemberEvents_Communes_CommuneId] FOREIGN KEY ([CommuneId]) REFERENCES [Communes] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_MemberEvents_PartyMembers_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [PartyMembers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE TABLE [RegistryChecks] (
        [Id] bigint NOT NULL IDENTITY,
        [CommuneId] int NOT NULL,
        [MemberId] int NOT NULL,
        [ApplicationId] uniqueidentifier NULL,
        [CheckedAt] datetime2 NOT NULL,
        [Source] nvarchar(20) NOT NULL,
        [Outcome] nvarchar(20) NOT NULL,
        [HasWarnings] bit NOT NULL,
        [FailureReason] nvarchar(50) NULL,
        [CitizenJson] nvarchar(max) NULL,
        [ComparisonJson] nvarchar(max) NULL,
        [ElapsedMilliseconds] int NOT NULL,
        [CheckedBy] nvarchar(450) NULL,
        CONSTRAINT [PK_RegistryChecks] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_RegistryChecks_Communes_CommuneId] FOREIGN KEY ([CommuneId]) REFERENCES [Communes] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_RegistryChecks_PartyMembers_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [PartyMembers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE TABLE [WorklistItems] (
        [Id] int NOT NULL IDENTITY,
        [CommuneId] int NOT NULL,
        [MemberId] int NOT NULL,
        [Status] nvarchar(30) NOT NULL,
        [LastOutcome] nvarchar(20) NOT NULL,
        [LastHasWarnings] bit NOT NULL,
        [LastCheckedAt] datetime2 NOT NULL,
        [OpenedAt] datetime2 NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        [Note] nvarchar(1000) NULL,
        [UpdatedBy] nvarchar(256) NULL,
        CONSTRAINT [PK_WorklistItems] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_WorklistItems_Communes_CommuneId] FOREIGN KEY ([CommuneId]) REFERENCES [Communes] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_WorklistItems_PartyMembers_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [PartyMembers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE TABLE [SlotMembers] (
        [ScheduleSlotId] int NOT NULL,
        [MemberId] int NOT NULL,
        [CommuneId] int NOT NULL,
        [CheckedInAt] datetime2 NULL,
        [CheckedInBy] nvarchar(100) NULL,
        CONSTRAINT [PK_SlotMembers] PRIMARY KEY ([ScheduleSlotId], [MemberId]),
        CONSTRAINT [FK_SlotMembers_PartyMembers_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [PartyMembers] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_SlotMembers_ScheduleSlots_ScheduleSlotId] FOREIGN KEY ([ScheduleSlotId]) REFERENCES [ScheduleSlots] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE TABLE [ApplicationCaptures] (
        [ApplicationId] uniqueidentifier NOT NULL,
        [Photo] varbinary(max) NOT NULL,
        [PhotoWidth] int NOT NULL,
        [PhotoHeight] int NOT NULL,
        [PhotoSha256] char(64) NOT NULL,
        [Signature] varbinary(max) NOT NULL,
        [SignatureStrokes] nvarchar(max) NOT NULL,
        [SignatureSha256] char(64) NOT NULL,
        [CapturedAt] datetime2 NOT NULL,
        [MediaDeletedAt] datetime2 NULL,
        CONSTRAINT [PK_ApplicationCaptures] PRIMARY KEY ([ApplicationId]),
        CONSTRAINT [FK_ApplicationCaptures_Applications_ApplicationId] FOREIGN KEY ([ApplicationId]) REFERENCES [Applications] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_ApplicationDayCounts_Day] ON [ApplicationDayCounts] ([Day]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_Applications_CommuneId_State] ON [Applications] ([CommuneId], [State]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_Applications_CommuneId_SubmittedAt] ON [Applications] ([CommuneId], [SubmittedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_Applications_DeviceId] ON [Applications] ([DeviceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Applications_IdempotencyKey] ON [Applications] ([IdempotencyKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_Applications_IntakeSiteId] ON [Applications] ([IntakeSiteId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_Applications_TransmissionId] ON [Applications] ([TransmissionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_Applications_Verification_NextVerificationAt] ON [Applications] ([Verification], [NextVerificationAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [UX_Applications_ActiveMember] ON [Applications] ([MemberId]) WHERE [State] <> N''Cancelled''');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetRoleClaims_RoleId] ON [AspNetRoleClaims] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [RoleNameIndex] ON [AspNetRoles] ([NormalizedName]) WHERE [NormalizedName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserClaims_UserId] ON [AspNetUserClaims] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserLogins_UserId] ON [AspNetUserLogins] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserRoles_RoleId] ON [AspNetUserRoles] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [EmailIndex] ON [AspNetUsers] ([NormalizedEmail]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUsers_CommuneId] ON [AspNetUsers] ([CommuneId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUsers_ProvinceId] ON [AspNetUsers] ([ProvinceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [UserNameIndex] ON [AspNetUsers] ([NormalizedUserName]) WHERE [NormalizedUserName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_At] ON [AuditEntries] ([At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_MemberId_At] ON [AuditEntries] ([MemberId], [At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_AuditEntries_PreviousHash] ON [AuditEntries] ([PreviousHash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_ProvinceId_At] ON [AuditEntries] ([ProvinceId], [At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_UserName_At] ON [AuditEntries] ([UserName], [At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_CaptureDrafts_CommuneId] ON [CaptureDrafts] ([CommuneId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_CaptureDrafts_DeviceId_MemberId] ON [CaptureDrafts] ([DeviceId], [MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_CaptureDrafts_MemberId] ON [CaptureDrafts] ([MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_CaptureDrafts_UpdatedAt] ON [CaptureDrafts] ([UpdatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Communes_Code] ON [Communes] ([Code]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_Communes_ProvinceId] ON [Communes] ([ProvinceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_Devices_CommuneId] ON [Devices] ([CommuneId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Devices_IntakeSiteId_Name] ON [Devices] ([IntakeSiteId], [Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_HomeVisits_CommuneId_Start] ON [HomeVisits] ([CommuneId], [Start]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_HomeVisits_MemberId] ON [HomeVisits] ([MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_HomeVisits_OfficerId_Start] ON [HomeVisits] ([OfficerId], [Start]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_IntakeSites_CommuneId] ON [IntakeSites] ([CommuneId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_MemberEvents_CommuneId] ON [MemberEvents] ([CommuneId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_MemberEvents_MemberId_At] ON [MemberEvents] ([MemberId], [At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_MemberImports_CommuneId_UploadedAt] ON [MemberImports] ([CommuneId], [UploadedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_MemberImports_State] ON [MemberImports] ([State]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_PartyCells_CommuneId_Name] ON [PartyCells] ([CommuneId], [Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_PartyMembers_CommuneId_SearchName] ON [PartyMembers] ([CommuneId], [SearchName]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_PartyMembers_CommuneId_SortKey] ON [PartyMembers] ([CommuneId], [SortKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_PartyMembers_CreatedByImportId] ON [PartyMembers] ([CreatedByImportId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_PartyMembers_IdNumber] ON [PartyMembers] ([IdNumber]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_PartyMembers_PartyCellId] ON [PartyMembers] ([PartyCellId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_PreCheckRuns_CommuneId_RequestedAt] ON [PreCheckRuns] ([CommuneId], [RequestedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_PreCheckRuns_PartyCellId] ON [PreCheckRuns] ([PartyCellId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_PreCheckRuns_State] ON [PreCheckRuns] ([State]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Provinces_Code] ON [Provinces] ([Code]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_RegistryChecks_CommuneId_CheckedAt] ON [RegistryChecks] ([CommuneId], [CheckedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_RegistryChecks_MemberId_CheckedAt] ON [RegistryChecks] ([MemberId], [CheckedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_ScheduleSlots_CommuneId_Start] ON [ScheduleSlots] ([CommuneId], [Start]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_ScheduleSlots_IntakeSiteId_Start] ON [ScheduleSlots] ([IntakeSiteId], [Start]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_ScheduleSlots_PartyCellId] ON [ScheduleSlots] ([PartyCellId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_SlotMembers_CommuneId] ON [SlotMembers] ([CommuneId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_SlotMembers_MemberId] ON [SlotMembers] ([MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Transmissions_CommuneId_Day] ON [Transmissions] ([CommuneId], [Day]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_UserSessions_ExpiresAt] ON [UserSessions] ([ExpiresAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_UserSessions_UserId] ON [UserSessions] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE INDEX [IX_WorklistItems_CommuneId_Status] ON [WorklistItems] ([CommuneId], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_WorklistItems_MemberId] ON [WorklistItems] ([MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    EXEC(N'CREATE TRIGGER [AuditEntries_no_change] ON [AuditEntries] INSTEAD OF UPDATE, DELETE AS
    BEGIN
        SET NOCOUNT ON;
        THROW 50001, N''audit entries are append-only'', 1;
    END');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207133149_Initial'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207133149_Initial', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207172200_FieldKits'
)
BEGIN
    ALTER TABLE [Applications] ADD [FieldKitId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207172200_FieldKits'
)
BEGIN
    CREATE TABLE [FieldKits] (
        [Id] uniqueidentifier NOT NULL,
        [CommuneId] int NOT NULL,
        [OfficerId] nvarchar(450) NOT NULL,
        [OfficerUserName] nvarchar(256) NOT NULL,
        [ValidFrom] date NOT NULL,
        [ValidTo] date NOT NULL,
        [ExpiresAt] datetime2 NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [CreatedBy] nvarchar(256) NOT NULL,
        [MemberCount] int NOT NULL,
        [SiteId] int NULL,
        [DeviceId] int NULL,
        [PackageVerifyKey] varbinary(512) NOT NULL,
        [ReturnKeyProtected] nvarchar(2000) NOT NULL,
        [KitSha256] nvarchar(64) NOT NULL,
        [RevokedAt] datetime2 NULL,
        [RevokedBy] nvarchar(256) NULL,
        CONSTRAINT [PK_FieldKits] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_FieldKits_Communes_CommuneId] FOREIGN KEY ([CommuneId]) REFERENCES [Communes] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207172200_FieldKits'
)
BEGIN
    CREATE TABLE [FieldKitStates] (
        [KitId] uniqueidentifier NOT NULL,
        [CommuneId] int NOT NULL,
        [OfficerUserId] nvarchar(450) NOT NULL,
        [ValidFrom] date NOT NULL,
        [ValidTo] date NOT NULL,
        [ExpiresAt] datetime2 NOT NULL,
        [ImportedAt] datetime2 NOT NULL,
        [StationPublicKey] varbinary(512) NOT NULL,
        [WrappedSecrets] varbinary(4000) NOT NULL,
        [WrapKdfJson] nvarchar(1000) NOT NULL,
        [CaptureRulesJson] nvarchar(max) NOT NULL,
        [LastExportAt] datetime2 NULL,
        [LastReceiptAt] datetime2 NULL,
        CONSTRAINT [PK_FieldKitStates] PRIMARY KEY ([KitId])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207172200_FieldKits'
)
BEGIN
    CREATE TABLE [FieldStationKeys] (
        [CommuneId] int NOT NULL,
        [PublicKey] varbinary(512) NOT NULL,
        [PrivateKeyProtected] nvarchar(4000) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_FieldStationKeys] PRIMARY KEY ([CommuneId]),
        CONSTRAINT [FK_FieldStationKeys_Communes_CommuneId] FOREIGN KEY ([CommuneId]) REFERENCES [Communes] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207172200_FieldKits'
)
BEGIN
    CREATE TABLE [FieldCaptureFlags] (
        [Id] bigint NOT NULL IDENTITY,
        [CommuneId] int NOT NULL,
        [KitId] uniqueidentifier NOT NULL,
        [MemberId] int NOT NULL,
        [IdempotencyKey] uniqueidentifier NOT NULL,
        [CapturedAt] datetime2 NOT NULL,
        [CapturedBy] nvarchar(256) NOT NULL,
        [PhotoSha256] nvarchar(64) NOT NULL,
        [SignatureSha256] nvarchar(64) NOT NULL,
        [StationApplicationId] uniqueidentifier NOT NULL,
        [FlaggedAt] datetime2 NOT NULL,
        [ResolvedAt] datetime2 NULL,
        [ResolvedBy] nvarchar(256) NULL,
        CONSTRAINT [PK_FieldCaptureFlags] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_FieldCaptureFlags_FieldKits_KitId] FOREIGN KEY ([KitId]) REFERENCES [FieldKits] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_FieldCaptureFlags_PartyMembers_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [PartyMembers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207172200_FieldKits'
)
BEGIN
    CREATE TABLE [FieldPackageImports] (
        [Id] uniqueidentifier NOT NULL,
        [CommuneId] int NOT NULL,
        [KitId] uniqueidentifier NOT NULL,
        [PackageSha256] nvarchar(64) NOT NULL,
        [ImportedAt] datetime2 NOT NULL,
        [ImportedBy] nvarchar(256) NOT NULL,
        [Added] int NOT NULL,
        [AlreadyPresent] int NOT NULL,
        [Flagged] int NOT NULL,
        [Receipt] varbinary(max) NOT NULL,
        CONSTRAINT [PK_FieldPackageImports] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_FieldPackageImports_FieldKits_KitId] FOREIGN KEY ([KitId]) REFERENCES [FieldKits] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207172200_FieldKits'
)
BEGIN
    CREATE INDEX [IX_FieldCaptureFlags_CommuneId_ResolvedAt] ON [FieldCaptureFlags] ([CommuneId], [ResolvedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207172200_FieldKits'
)
BEGIN
    CREATE UNIQUE INDEX [IX_FieldCaptureFlags_IdempotencyKey] ON [FieldCaptureFlags] ([IdempotencyKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207172200_FieldKits'
)
BEGIN
    CREATE INDEX [IX_FieldCaptureFlags_KitId] ON [FieldCaptureFlags] ([KitId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207172200_FieldKits'
)
BEGIN
    CREATE INDEX [IX_FieldCaptureFlags_MemberId] ON [FieldCaptureFlags] ([MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207172200_FieldKits'
)
BEGIN
    CREATE INDEX [IX_FieldKits_CommuneId_CreatedAt] ON [FieldKits] ([CommuneId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207172200_FieldKits'
)
BEGIN
    CREATE INDEX [IX_FieldPackageImports_CommuneId_ImportedAt] ON [FieldPackageImports] ([CommuneId], [ImportedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207172200_FieldKits'
)
BEGIN
    CREATE INDEX [IX_FieldPackageImports_KitId_PackageSha256] ON [FieldPackageImports] ([KitId], [PackageSha256]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207172200_FieldKits'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207172200_FieldKits', N'10.0.15');
END;

COMMIT;
GO

