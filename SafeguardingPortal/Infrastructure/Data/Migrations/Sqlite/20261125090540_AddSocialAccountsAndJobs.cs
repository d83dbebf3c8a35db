using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SafeguardingPortal.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddSocialAccountsAndJobs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AccountDeclarations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StaffMemberId = table.Column<int>(type: "INTEGER", nullable: false),
                    DeclaredOn = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountDeclarations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AccountDeclarations_StaffMembers_StaffMemberId",
                        column: x => x.StaffMemberId,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "JobLeases",
                columns: table => new
                {
                    JobName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Holder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ExpiresAtUtc = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobLeases", x => x.JobName);
                });

            migrationBuilder.CreateTable(
                name: "JobRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    JobName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StartedAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    FinishedAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    Succeeded = table.Column<bool>(type: "INTEGER", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    TriggeredBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SocialAccounts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlatformId = table.Column<int>(type: "INTEGER", nullable: false),
                    Handle = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Groups = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ResponsibleStaffMemberId = table.Column<int>(type: "INTEGER", nullable: false),
                    RecoveryEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    OwnedByOrganisation = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StatusReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ProposedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ProposedAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    LastEditedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AuthorisedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AuthorisedAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    PrivacySettingsOn = table.Column<bool>(type: "INTEGER", nullable: false),
                    TwoFactorOn = table.Column<bool>(type: "INTEGER", nullable: false),
                    RecoveryEmailIsOrganisational = table.Column<bool>(type: "INTEGER", nullable: false),
                    StrangerMessages = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    AgeJustification = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ReviewCycleMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    NextReviewDue = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReviewDueMarkedFor = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LastReviewedAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SocialAccounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SocialAccounts_Platforms_PlatformId",
                        column: x => x.PlatformId,
                        principalTable: "Platforms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SocialAccounts_StaffMembers_ResponsibleStaffMemberId",
                        column: x => x.ResponsibleStaffMemberId,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SocialAccountAccess",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SocialAccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    StaffMemberId = table.Column<int>(type: "INTEGER", nullable: false),
                    GrantedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RemovedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    GrantedWithoutCurrentCheck = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SocialAccountAccess", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SocialAccountAccess_SocialAccounts_SocialAccountId",
                        column: x => x.SocialAccountId,
                        principalTable: "SocialAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SocialAccountAccess_StaffMembers_StaffMemberId",
                        column: x => x.StaffMemberId,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SocialAccountActivities",
                columns: table => new
                {
                    SocialAccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    ActivityId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SocialAccountActivities", x => new { x.SocialAccountId, x.ActivityId });
                    table.ForeignKey(
                        name: "FK_SocialAccountActivities_Activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SocialAccountActivities_SocialAccounts_SocialAccountId",
                        column: x => x.SocialAccountId,
                        principalTable: "SocialAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccountDeclarations_StaffMemberId_DeclaredOn",
                table: "AccountDeclarations",
                columns: new[] { "StaffMemberId", "DeclaredOn" });

            migrationBuilder.CreateIndex(
                name: "IX_JobRuns_JobName_StartedAtUtc",
                table: "JobRuns",
                columns: new[] { "JobName", "StartedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SocialAccountAccess_SocialAccountId",
                table: "SocialAccountAccess",
                column: "SocialAccountId");

            migrationBuilder.CreateIndex(
                name: "IX_SocialAccountAccess_StaffMemberId_RemovedOn",
                table: "SocialAccountAccess",
                columns: new[] { "StaffMemberId", "RemovedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_SocialAccountActivities_ActivityId",
                table: "SocialAccountActivities",
                column: "ActivityId");

            migrationBuilder.CreateIndex(
                name: "IX_SocialAccounts_PlatformId",
                table: "SocialAccounts",
                column: "PlatformId");

            migrationBuilder.CreateIndex(
                name: "IX_SocialAccounts_ResponsibleStaffMemberId",
                table: "SocialAccounts",
                column: "ResponsibleStaffMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_SocialAccounts_Status_NextReviewDue",
                table: "SocialAccounts",
                columns: new[] { "Status", "NextReviewDue" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccountDeclarations");

            migrationBuilder.DropTable(
                name: "JobLeases");

            migrationBuilder.DropTable(
                name: "JobRuns");

            migrationBuilder.DropTable(
                name: "SocialAccountAccess");

            migrationBuilder.DropTable(
                name: "SocialAccountActivities");

            migrationBuilder.DropTable(
                name: "SocialAccounts");
        }
    }
}
