using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartyCardIntake.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class ProgressCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "EligibleMembers",
                table: "Communes",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ExcusedMembers",
                table: "Communes",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "ApplicationDayCounts",
                columns: table => new
                {
                    CommuneId = table.Column<int>(type: "integer", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Verification = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    HasWarnings = table.Column<bool>(type: "boolean", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationDayCounts", x => new { x.CommuneId, x.Day, x.State, x.Verification, x.HasWarnings });
                    table.ForeignKey(
                        name: "FK_ApplicationDayCounts_Communes_CommuneId",
                        column: x => x.CommuneId,
                        principalTable: "Communes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationDayCounts_Day",
                table: "ApplicationDayCounts",
                column: "Day");

            // Existing lists and records get their counts once; from here on the application keeps them.
            migrationBuilder.Sql("""
                UPDATE "Communes" SET
                  "EligibleMembers" = (SELECT COUNT(*) FROM "PartyMembers" m WHERE m."CommuneId" = "Communes"."Id" AND m."Exemption" IS NULL),
                  "ExcusedMembers" = (SELECT COUNT(*) FROM "PartyMembers" m WHERE m."CommuneId" = "Communes"."Id" AND m."Exemption" IS NOT NULL)
                """);
            migrationBuilder.Sql("""
                INSERT INTO "ApplicationDayCounts" ("CommuneId", "Day", "State", "Verification", "HasWarnings", "Count")
                SELECT "CommuneId", ("SubmittedAt" AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, "State", "Verification", "HasWarnings", COUNT(*)
                FROM "Applications"
                GROUP BY "CommuneId", ("SubmittedAt" AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, "State", "Verification", "HasWarnings"
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApplicationDayCounts");

            migrationBuilder.DropColumn(
                name: "EligibleMembers",
                table: "Communes");

            migrationBuilder.DropColumn(
                name: "ExcusedMembers",
                table: "Communes");
        }
    }
}
