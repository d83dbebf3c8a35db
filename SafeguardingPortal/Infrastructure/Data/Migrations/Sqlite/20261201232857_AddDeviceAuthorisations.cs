using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SafeguardingPortal.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddDeviceAuthorisations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DeviceAuthorisations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StaffMemberId = table.Column<int>(type: "INTEGER", nullable: false),
                    DeviceKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DeviceDescription = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    WhyNoOrganisationalDevice = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    CommunicatesWith = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    AppsAndAccounts = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    RequestedFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RequestedUntil = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RequestedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RequestedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RequestedAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DecidedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DecidedAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    Conditions = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    DeclineReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ValidUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReviewOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RevokedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RevokedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RevokedAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    RevocationReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ReviewedAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    RenewalOfId = table.Column<int>(type: "INTEGER", nullable: true),
                    ReviewReminderSentFor = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ExpiryRecordedAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeviceAuthorisations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeviceAuthorisations_DeviceAuthorisations_RenewalOfId",
                        column: x => x.RenewalOfId,
                        principalTable: "DeviceAuthorisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DeviceAuthorisations_StaffMembers_StaffMemberId",
                        column: x => x.StaffMemberId,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DeviceViewers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DeviceAuthorisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    HowTheySee = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeviceViewers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeviceViewers_DeviceAuthorisations_DeviceAuthorisationId",
                        column: x => x.DeviceAuthorisationId,
                        principalTable: "DeviceAuthorisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DeviceAuthorisations_Decision_ValidUntil",
                table: "DeviceAuthorisations",
                columns: new[] { "Decision", "ValidUntil" });

            migrationBuilder.CreateIndex(
                name: "IX_DeviceAuthorisations_Reference",
                table: "DeviceAuthorisations",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DeviceAuthorisations_RenewalOfId",
                table: "DeviceAuthorisations",
                column: "RenewalOfId");

            migrationBuilder.CreateIndex(
                name: "IX_DeviceAuthorisations_RequestedByUserId",
                table: "DeviceAuthorisations",
                column: "RequestedByUserId");

            migrationBuilder.CreateIndex(
                name: "IX_DeviceAuthorisations_StaffMemberId",
                table: "DeviceAuthorisations",
                column: "StaffMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_DeviceViewers_DeviceAuthorisationId",
                table: "DeviceViewers",
                column: "DeviceAuthorisationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DeviceViewers");

            migrationBuilder.DropTable(
                name: "DeviceAuthorisations");
        }
    }
}
