using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PartyCardIntake.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class FieldKits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "FieldKitId",
                table: "Applications",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FieldKits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CommuneId = table.Column<int>(type: "integer", nullable: false),
                    OfficerId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    OfficerUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    MemberCount = table.Column<int>(type: "integer", nullable: false),
                    SiteId = table.Column<int>(type: "integer", nullable: true),
                    DeviceId = table.Column<int>(type: "integer", nullable: true),
                    PackageVerifyKey = table.Column<byte[]>(type: "bytea", maxLength: 512, nullable: false),
                    ReturnKeyProtected = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    KitSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevokedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FieldKits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FieldKits_Communes_CommuneId",
                        column: x => x.CommuneId,
                        principalTable: "Communes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FieldKitStates",
                columns: table => new
                {
                    KitId = table.Column<Guid>(type: "uuid", nullable: false),
                    CommuneId = table.Column<int>(type: "integer", nullable: false),
                    OfficerUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StationPublicKey = table.Column<byte[]>(type: "bytea", maxLength: 512, nullable: false),
                    WrappedSecrets = table.Column<byte[]>(type: "bytea", maxLength: 4000, nullable: false),
                    WrapKdfJson = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    CaptureRulesJson = table.Column<string>(type: "text", nullable: false),
                    LastExportAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastReceiptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FieldKitStates", x => x.KitId);
                });

            migrationBuilder.CreateTable(
                name: "FieldStationKeys",
                columns: table => new
                {
                    CommuneId = table.Column<int>(type: "integer", nullable: false),
                    PublicKey = table.Column<byte[]>(type: "bytea", maxLength: 512, nullable: false),
                    PrivateKeyProtected = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FieldStationKeys", x => x.CommuneId);
                    table.ForeignKey(
                        name: "FK_FieldStationKeys_Communes_CommuneId",
                        column: x => x.CommuneId,
                        principalTable: "Communes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FieldCaptureFlags",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CommuneId = table.Column<int>(type: "integer", nullable: false),
                    KitId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<int>(type: "integer", nullable: false),
                    IdempotencyKey = table.Column<Guid>(type: "uuid", nullable: false),
                    CapturedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CapturedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    PhotoSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SignatureSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StationApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    FlaggedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ResolvedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ResolvedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FieldCaptureFlags", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FieldCaptureFlags_FieldKits_KitId",
                        column: x => x.KitId,
                        principalTable: "FieldKits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FieldCaptureFlags_PartyMembers_MemberId",
                        column: x => x.MemberId,
                        principalTable: "PartyMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FieldPackageImports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CommuneId = table.Column<int>(type: "integer", nullable: false),
                    KitId = table.Column<Guid>(type: "uuid", nullable: false),
                    PackageSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ImportedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Added = table.Column<int>(type: "integer", nullable: false),
                    AlreadyPresent = table.Column<int>(type: "integer", nullable: false),
                    Flagged = table.Column<int>(type: "integer", nullable: false),
                    Receipt = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FieldPackageImports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FieldPackageImports_FieldKits_KitId",
                        column: x => x.KitId,
                        principalTable: "FieldKits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FieldCaptureFlags_CommuneId_ResolvedAt",
                table: "FieldCaptureFlags",
                columns: new[] { "CommuneId", "ResolvedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FieldCaptureFlags_IdempotencyKey",
                table: "FieldCaptureFlags",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FieldCaptureFlags_KitId",
                table: "FieldCaptureFlags",
                column: "KitId");

            migrationBuilder.CreateIndex(
                name: "IX_FieldCaptureFlags_MemberId",
                table: "FieldCaptureFlags",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_FieldKits_CommuneId_CreatedAt",
                table: "FieldKits",
                columns: new[] { "CommuneId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FieldPackageImports_CommuneId_ImportedAt",
                table: "FieldPackageImports",
                columns: new[] { "CommuneId", "ImportedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FieldPackageImports_KitId_PackageSha256",
                table: "FieldPackageImports",
                columns: new[] { "KitId", "PackageSha256" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FieldCaptureFlags");

            migrationBuilder.DropTable(
                name: "FieldKitStates");

            migrationBuilder.DropTable(
                name: "FieldPackageImports");

            migrationBuilder.DropTable(
                name: "FieldStationKeys");

            migrationBuilder.DropTable(
                name: "FieldKits");

            migrationBuilder.DropColumn(
                name: "FieldKitId",
                table: "Applications");
        }
    }
}
