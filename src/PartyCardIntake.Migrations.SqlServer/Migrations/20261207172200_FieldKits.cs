using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartyCardIntake.Migrations.SqlServer.Migrations
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
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FieldKits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CommuneId = table.Column<int>(type: "int", nullable: false),
                    OfficerId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    OfficerUserName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    MemberCount = table.Column<int>(type: "int", nullable: false),
                    SiteId = table.Column<int>(type: "int", nullable: true),
                    DeviceId = table.Column<int>(type: "int", nullable: true),
                    PackageVerifyKey = table.Column<byte[]>(type: "varbinary(512)", maxLength: 512, nullable: false),
                    ReturnKeyProtected = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    KitSha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RevokedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true)
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
                    KitId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CommuneId = table.Column<int>(type: "int", nullable: false),
                    OfficerUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    StationPublicKey = table.Column<byte[]>(type: "varbinary(512)", maxLength: 512, nullable: false),
                    WrappedSecrets = table.Column<byte[]>(type: "varbinary(4000)", maxLength: 4000, nullable: false),
                    WrapKdfJson = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    CaptureRulesJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    LastExportAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LastReceiptAt = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FieldKitStates", x => x.KitId);
                });

            migrationBuilder.CreateTable(
                name: "FieldStationKeys",
                columns: table => new
                {
                    CommuneId = table.Column<int>(type: "int", nullable: false),
                    PublicKey = table.Column<byte[]>(type: "varbinary(512)", maxLength: 512, nullable: false),
                    PrivateKeyProtected = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
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
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CommuneId = table.Column<int>(type: "int", nullable: false),
                    KitId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    MemberId = table.Column<int>(type: "int", nullable: false),
                    IdempotencyKey = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CapturedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CapturedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    PhotoSha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    SignatureSha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    StationApplicationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FlaggedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ResolvedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ResolvedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true)
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
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CommuneId = table.Column<int>(type: "int", nullable: false),
                    KitId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PackageSha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ImportedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Added = table.Column<int>(type: "int", nullable: false),
                    AlreadyPresent = table.Column<int>(type: "int", nullable: false),
                    Flagged = table.Column<int>(type: "int", nullable: false),
                    Receipt = table.Column<byte[]>(type: "varbinary(max)", nullable: false)
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
