using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SafeguardingPortal.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddWeeklyDigest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "WeeklyDigestOff",
                table: "UserPreferences",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "WeeklyDigests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserKey = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    WeekStarting = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    QueuedAtUtc = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WeeklyDigests", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WeeklyDigests_UserKey_WeekStarting",
                table: "WeeklyDigests",
                columns: new[] { "UserKey", "WeekStarting" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WeeklyDigests_WeekStarting",
                table: "WeeklyDigests",
                column: "WeekStarting");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WeeklyDigests");

            migrationBuilder.DropColumn(
                name: "WeeklyDigestOff",
                table: "UserPreferences");
        }
    }
}
