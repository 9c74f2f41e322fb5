using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PartyCardIntake.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class DeskCapture : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "HasWarnings",
                table: "Applications",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "IdempotencyKey",
                table: "Applications",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<DateTime>(
                name: "NextVerificationAt",
                table: "Applications",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "VerificationAttempts",
                table: "Applications",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "VerifiedAt",
                table: "Applications",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ApplicationCaptures",
                columns: table => new
                {
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Photo = table.Column<byte[]>(type: "bytea", nullable: false),
                    PhotoWidth = table.Column<int>(type: "integer", nullable: false),
                    PhotoHeight = table.Column<int>(type: "integer", nullable: false),
                    PhotoSha256 = table.Column<string>(type: "character(64)", unicode: false, fixedLength: true, maxLength: 64, nullable: false),
                    Signature = table.Column<byte[]>(type: "bytea", nullable: false),
                    SignatureStrokes = table.Column<string>(type: "text", nullable: false),
                    SignatureSha256 = table.Column<string>(type: "character(64)", unicode: false, fixedLength: true, maxLength: 64, nullable: false),
                    CapturedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationCaptures", x => x.ApplicationId);
                    table.ForeignKey(
                        name: "FK_ApplicationCaptures_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RegistryChecks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CommuneId = table.Column<int>(type: "integer", nullable: false),
                    MemberId = table.Column<int>(type: "integer", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: true),
                    CheckedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    HasWarnings = table.Column<bool>(type: "boolean", nullable: false),
                    FailureReason = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    CitizenJson = table.Column<string>(type: "text", nullable: true),
                    ComparisonJson = table.Column<string>(type: "text", nullable: true),
                    ElapsedMilliseconds = table.Column<int>(type: "integer", nullable: false),
                    CheckedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegistryChecks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RegistryChecks_Communes_CommuneId",
                        column: x => x.CommuneId,
                        principalTable: "Communes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RegistryChecks_PartyMembers_MemberId",
                        column: x => x.MemberId,
                        principalTable: "PartyMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Existing applications keep their own id as key, so the unique index can be built.
            migrationBuilder.Sql("UPDATE \"Applications\" SET \"IdempotencyKey\" = \"Id\";");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_IdempotencyKey",
                table: "Applications",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Applications_Verification_NextVerificationAt",
                table: "Applications",
                columns: new[] { "Verification", "NextVerificationAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RegistryChecks_CommuneId_CheckedAt",
                table: "RegistryChecks",
                columns: new[] { "CommuneId", "CheckedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RegistryChecks_MemberId_CheckedAt",
                table: "RegistryChecks",
                columns: new[] { "MemberId", "CheckedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApplicationCaptures");

            migrationBuilder.DropTable(
                name: "RegistryChecks");

            migrationBuilder.DropIndex(
                name: "IX_Applications_IdempotencyKey",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_Applications_Verification_NextVerificationAt",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "HasWarnings",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "IdempotencyKey",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "NextVerificationAt",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "VerificationAttempts",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "VerifiedAt",
                table: "Applications");
        }
    }
}
