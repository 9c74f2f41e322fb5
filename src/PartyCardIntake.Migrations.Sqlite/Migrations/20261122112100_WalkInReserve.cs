using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartyCardIntake.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class WalkInReserve : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "WalkInReservePercent",
                table: "Communes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "WalkInReservePercent",
                table: "Communes");
        }
    }
}
