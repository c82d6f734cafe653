#pragma once

#include <string_view>

namespace fafnir {

// The role and permission names of the RBAC model (SPEC §4 security). The role-to-permission table
// is seeded into the security store by its first migration.
namespace roles {
inline constexpr std::string_view kMember = "member";
inline constexpr std::string_view kAdmin = "admin";
}  // namespace roles

namespace permissions {
inline constexpr std::string_view kViewStocks = "view_stocks";
inline constexpr std::string_view kOrderStocks = "order_stocks";
inline constexpr std::string_view kManageOwnPortfolio = "manage_own_portfolio";
inline constexpr std::string_view kManageOwnWatchlist = "manage_own_watchlist";
inline constexpr std::string_view kManageOwnProfile = "manage_own_profile";
inline constexpr std::string_view kManageOwnAccounts = "manage_own_accounts";
inline constexpr std::string_view kViewUsers = "view_users";
inline constexpr std::string_view kViewAdminDashboard = "view_admin_dashboard";
inline constexpr std::string_view kViewAuditLogs = "view_audit_logs";
inline constexpr std::string_view kDeactivateUsers = "deactivate_users";
inline constexpr std::string_view kReactivateUsers = "reactivate_users";
inline constexpr std::string_view kManageRoles = "manage_roles";
}  // namespace permissions

// One permission a role grants.
struct RoleGrant {
  std::string_view role;
  std::string_view permission;
};

// Every permission of every role (SPEC §4 security), as the security store's first migration
// seeds them; stores without migrations start from this table.
inline constexpr RoleGrant kRoleGrants[] = {
    {roles::kMember, permissions::kViewStocks},
    {roles::kMember, permissions::kOrderStocks},
    {roles::kMember, permissions::kManageOwnPortfolio},
    {roles::kMember, permissions::kManageOwnWatchlist},
    {roles::kMember, permissions::kManageOwnProfile},
    {roles::kMember, permissions::kManageOwnAccounts},
    {roles::kAdmin, permissions::kViewAdminDashboard},
    {roles::kAdmin, permissions::kManageOwnProfile},
    {roles::kAdmin, permissions::kViewAuditLogs},
    {roles::kAdmin, permissions::kViewUsers},
    {roles::kAdmin, permissions::kDeactivateUsers},
    {roles::kAdmin, permissions::kReactivateUsers},
    {roles::kAdmin, permissions::kManageRoles},
};

}  // namespace fafnir
