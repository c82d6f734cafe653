#pragma once

#include <string_view>

namespace fafnir {

// The roles and permissions fafnir ships and what each role grants: SQL that SQLite and PostgreSQL
// both run right after creating the security tables (roles, permissions, role_permissions).
inline constexpr std::string_view kSecuritySeedSql =
    "INSERT INTO roles(name) VALUES ('member'), ('admin');"
    "INSERT INTO permissions(name) VALUES ('view_stocks'), ('order_stocks'),"
    " ('manage_own_portfolio'), ('manage_own_watchlist'), ('manage_own_profile'),"
    " ('manage_own_accounts'), ('view_users'), ('view_admin_dashboard'), ('view_audit_logs'),"
    " ('deactivate_users'), ('reactivate_users'), ('manage_roles');"
    "INSERT INTO role_permissions(role, permission) VALUES"
    " ('member', 'view_stocks'), ('member', 'order_stocks'), ('member', 'manage_own_portfolio'),"
    " ('member', 'manage_own_watchlist'), ('member', 'manage_own_profile'),"
    " ('member', 'manage_own_accounts'),"
    " ('admin', 'view_admin_dashboard'), ('admin', 'manage_own_profile'),"
    " ('admin', 'view_audit_logs'), ('admin', 'view_users'), ('admin', 'deactivate_users'),"
    " ('admin', 'reactivate_users'), ('admin', 'manage_roles');";

}  // namespace fafnir
