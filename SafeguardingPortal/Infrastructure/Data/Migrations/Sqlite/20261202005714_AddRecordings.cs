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
                name: "SessionComfortChecks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ActivitySessionId = table.Column<int>(type: "INTEGER", nullable: false),
                    CheckedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CheckedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CheckedAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionComfortChecks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SessionComfortChecks_ActivitySessions_ActivitySessionId",
                        column: x => x.ActivitySessionId,
                        principalTable: "ActivitySessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
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

            migrationBuilder.CreateTable(
                name: "Recordings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ActivitySessionId = table.Column<int>(type: "INTEGER", nullable: false),
                    PolicyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    StorageReference = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    MadeByStaffMemberId = table.Column<int>(type: "INTEGER", nullable: false),
                    RegisteredByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RegisteredByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RegisteredAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    DeleteBy = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ParticipantCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DisposedAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Recordings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Recordings_ActivitySessions_ActivitySessionId",
                        column: x => x.ActivitySessionId,
                        principalTable: "ActivitySessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Recordings_RecordingPolicies_PolicyId",
                        column: x => x.PolicyId,
                        principalTable: "RecordingPolicies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Recordings_StaffMembers_MadeByStaffMemberId",
                        column: x => x.MadeByStaffMemberId,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DisposalTasks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RecordingId = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    WithdrawalReference = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RaisedAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    DueBy = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CompletedAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    CompletedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CompletedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Confirmation = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisposalTasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DisposalTasks_Recordings_RecordingId",
                        column: x => x.RecordingId,
                        principalTable: "Recordings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RecordingParticipants",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RecordingId = table.Column<int>(type: "INTEGER", nullable: false),
                    ChildId = table.Column<int>(type: "INTEGER", nullable: true),
                    StaffMemberId = table.Column<int>(type: "INTEGER", nullable: true),
                    Excluded = table.Column<bool>(type: "INTEGER", nullable: false),
                    ExclusionNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecordingParticipants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RecordingParticipants_Children_ChildId",
                        column: x => x.ChildId,
                        principalTable: "Children",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RecordingParticipants_Recordings_RecordingId",
                        column: x => x.RecordingId,
                        principalTable: "Recordings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RecordingParticipants_StaffMembers_StaffMemberId",
                        column: x => x.StaffMemberId,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DisposalTasks_CompletedAtUtc_DueBy",
                table: "DisposalTasks",
                columns: new[] { "CompletedAtUtc", "DueBy" });

            migrationBuilder.CreateIndex(
                name: "IX_DisposalTasks_RecordingId",
                table: "DisposalTasks",
                column: "RecordingId",
                unique: true,
                filter: "\"CompletedAtUtc\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_RecordingParticipants_ChildId",
                table: "RecordingParticipants",
                column: "ChildId");

            migrationBuilder.CreateIndex(
                name: "IX_RecordingParticipants_RecordingId",
                table: "RecordingParticipants",
                column: "RecordingId");

            migrationBuilder.CreateIndex(
                name: "IX_RecordingParticipants_StaffMemberId",
                table: "RecordingParticipants",
                column: "StaffMemberId");

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

            migrationBuilder.CreateIndex(
                name: "IX_Recordings_ActivitySessionId",
                table: "Recordings",
                column: "ActivitySessionId");

            migrationBuilder.CreateIndex(
                name: "IX_Recordings_MadeByStaffMemberId",
                table: "Recordings",
                column: "MadeByStaffMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_Recordings_PolicyId",
                table: "Recordings",
                column: "PolicyId");

            migrationBuilder.CreateIndex(
                name: "IX_Recordings_Reference",
                table: "Recordings",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Recordings_Status_DeleteBy",
                table: "Recordings",
                columns: new[] { "Status", "DeleteBy" });

            migrationBuilder.CreateIndex(
                name: "IX_SessionComfortChecks_ActivitySessionId",
                table: "SessionComfortChecks",
                column: "ActivitySessionId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DisposalTasks");

            migrationBuilder.DropTable(
                name: "RecordingParticipants");

            migrationBuilder.DropTable(
                name: "RecordingPolicyAccessPeople");

            migrationBuilder.DropTable(
                name: "RecordingPolicyAuthors");

            migrationBuilder.DropTable(
                name: "SessionComfortChecks");

            migrationBuilder.DropTable(
                name: "Recordings");

            migrationBuilder.DropTable(
                name: "RecordingPolicies");
        }
    }
}
