using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SafeguardingPortal.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddRecordings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RecordingPolicies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Uses = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Storage = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    RetentionDays = table.Column<int>(type: "INTEGER", nullable: false),
                    DisposalMethod = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    AccessRoles = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AccessMethod = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ResponsibleForMaking = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ResponsibleForStoring = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ResponsibleForDisposing = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CreatedAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    LastChangedAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    ApprovedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ApprovedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ApprovedAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    SupersededAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecordingPolicies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RecordingPolicyAccessPeople",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PolicyId = table.Column<int>(type: "INTEGER", nullable: false),
                    StaffMemberId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecordingPolicyAccessPeople", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RecordingPolicyAccessPeople_RecordingPolicies_PolicyId",
                        column: x => x.PolicyId,
                        principalTable: "RecordingPolicies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RecordingPolicyAccessPeople_StaffMembers_StaffMemberId",
                        column: x => x.StaffMemberId,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RecordingPolicyAuthors",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PolicyId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecordingPolicyAuthors", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RecordingPolicyAuthors_RecordingPolicies_PolicyId",
                        column: x => x.PolicyId,
                        principalTable: "RecordingPolicies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RecordingPolicies_Number",
                table: "RecordingPolicies",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RecordingPolicies_Status",
                table: "RecordingPolicies",
                column: "Status",
                unique: true,
                filter: "\"Status\" IN ('Active', 'Draft')");

            migrationBuilder.CreateIndex(
                name: "IX_RecordingPolicyAccessPeople_PolicyId_StaffMemberId",
                table: "RecordingPolicyAccessPeople",
                columns: new[] { "PolicyId", "StaffMemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RecordingPolicyAccessPeople_StaffMemberId",
                table: "RecordingPolicyAccessPeople",
                column: "StaffMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_RecordingPolicyAuthors_PolicyId_UserId",
                table: "RecordingPolicyAuthors",
                columns: new[] { "PolicyId", "UserId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RecordingPolicyAccessPeople");

            migrationBuilder.DropTable(
                name: "RecordingPolicyAuthors");

            migrationBuilder.DropTable(
                name: "RecordingPolicies");
        }
    }
}
