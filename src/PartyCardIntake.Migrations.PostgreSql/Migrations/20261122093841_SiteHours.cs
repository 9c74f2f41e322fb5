using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartyCardIntake.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class SiteHours : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ExceptionsJson",
                table: "IntakeSites",
                type: "character varying(20000)",
                maxLength: 20000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WeeklyHoursJson",
                table: "IntakeSites",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ExceptionsJson",
                table: "IntakeSites");

            migrationBuilder.DropColumn(
                name: "WeeklyHoursJson",
                table: "IntakeSites");
        }
    }
}
