using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartyCardIntake.Migrations.Sqlite.Migrations
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
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "IdempotencyKey",
                table: "Applications",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<DateTime>(
                name: "NextVerificationAt",
                table: "Applications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "VerificationAttempts",
                table: "Applications",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "VerifiedAt",
                table: "Applications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ApplicationCaptures",
                columns: table => new
                {
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Photo = table.Column<byte[]>(type: "BLOB", nullable: false),
                    PhotoWidth = table.Column<int>(type: "INTEGER", nullable: false),
                    PhotoHeight = table.Column<int>(type: "INTEGER", nullable: false),
                    PhotoSha256 = table.Column<string>(type: "TEXT", unicode: false, fixedLength: true, maxLength: 64, nullable: false),
                    Signature = table.Column<byte[]>(type: "BLOB", nullable: false),
                    SignatureStrokes = table.Column<string>(type: "TEXT", nullable: false),
                    SignatureSha256 = table.Column<string>(type: "TEXT", unicode: false, fixedLength: true, maxLength: 64, nullable: false),
                    CapturedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CommuneId = table.Column<int>(type: "INTEGER", nullable: false),
                    MemberId = table.Column<int>(type: "INTEGER", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CheckedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    HasWarnings = table.Column<bool>(type: "INTEGER", nullable: false),
                    FailureReason = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    CitizenJson = table.Column<string>(type: "TEXT", nullable: true),
                    ComparisonJson = table.Column<string>(type: "TEXT", nullable: true),
                    ElapsedMilliseconds = table.Column<int>(type: "INTEGER", nullable: false),
                    CheckedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
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
