// PortfolioService: the TradingAccounts side (reservations) and settlement of order events.
#include <algorithm>

#include "core/events/handler_outcome.h"
#include "core/events/user_events.h"
#include "core/order/order_events.h"
#include "core/portfolio/portfolio_service.h"

namespace fafnir {
namespace {

constexpr std::string_view kInsufficientFunds = "insufficient funds";
constexpr std::string_view kInsufficientHoldings = "insufficient holdings";

ReservationOutcome accepted() { return {true, {}}; }
ReservationOutcome refused(std::string_view reason) { return {false, std::string(reason)}; }

std::string trade_description(const Order& order, const Fill& fill) {
  return std::string(order.side == OrderSide::kBuy ? "Buy " : "Sell ") + fill.quantity.format(0) +
         " " + order.symbol + " @ " + fill.price.format() + " " +
         std::string(currency_code(order.currency)) +
         (order.currency != order.account_currency ? " (fx " + fill.fx_rate.format(6) + ")" : "");
}

// Returns what is left of a reservation to the account or holding it came from.
Status release(PortfolioTransaction& tx, Account& account, Reservation& reservation) {
  if (reservation.cash.is_positive()) {
    account.reserved -= std::min(account.reserved, reservation.cash);
  }
  if (reservation.shares.is_positive()) {
    FAFNIR_ASSIGN_OR_RETURN(std::optional<Holding> holding,
                            tx.find_holding(account.id, reservation.symbol));
    if (holding) {
      holding->reserved -= std::min(holding->reserved, reservation.shares);
      FAFNIR_RETURN_IF_ERROR(tx.save_holding(*holding));
    }
  }
  reservation.cash = Money();
  reservation.shares = Quantity();
  FAFNIR_RETURN_IF_ERROR(tx.delete_reservation(reservation.order_id));
  return tx.update_account(account);
}

}  // namespace

Result<Account> PortfolioService::settlement_account(std::string_view user_id,
                                                     Currency instrument_currency) {
  FAFNIR_ASSIGN_OR_RETURN(std::vector<Account> owned, accounts(user_id));
  Account* chosen = nullptr;
  for (Account& account : owned) {
    if (account.type != AccountType::kInvestment) continue;
    if (account.currency == instrument_currency) return std::move(account);
    if (chosen == nullptr) chosen = &account;
  }
  if (chosen == nullptr) return Status::NotFound("no investment account");
  return std::move(*chosen);
}

Result<ReservationOutcome> PortfolioService::reserve(const Order& order, Money cash) {
  ReservationOutcome outcome;
  FAFNIR_RETURN_IF_ERROR(store_.transact([&](PortfolioTransaction& tx) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(std::optional<Reservation> existing, tx.find_reservation(order.id));
    if (existing) {
      outcome = accepted();
      return Status::Ok();
    }
    FAFNIR_ASSIGN_OR_RETURN(Account account, owned_account(tx, order.user_id, order.account_id));
    Reservation reservation{order.id, account.id, order.symbol, Money(), Quantity()};
    if (order.side == OrderSide::kBuy) {
      if (account.buying_power() < cash) {
        outcome = refused(kInsufficientFunds);
        return Status::Ok();
      }
      account.reserved += cash;
      reservation.cash = cash;
      FAFNIR_RETURN_IF_ERROR(tx.update_account(account));
    } else {
      FAFNIR_ASSIGN_OR_RETURN(std::optional<Holding> holding,
                              tx.find_holding(account.id, order.symbol));
      if (!holding || holding->available() < order.quantity) {
        outcome = refused(kInsufficientHoldings);
        return Status::Ok();
      }
      holding->reserved += order.quantity;
      reservation.shares = order.quantity;
      FAFNIR_RETURN_IF_ERROR(tx.save_holding(*holding));
    }
    outcome = accepted();
    return tx.save_reservation(reservation);
  }));
  return outcome;
}

Result<ReservationOutcome> PortfolioService::cover(const Order& order, Money cash) {
  ReservationOutcome outcome;
  FAFNIR_RETURN_IF_ERROR(store_.transact([&](PortfolioTransaction& tx) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(std::optional<Reservation> reservation, tx.find_reservation(order.id));
    if (!reservation) {
      outcome = refused("the order is no longer open");
      return Status::Ok();
    }
    FAFNIR_ASSIGN_OR_RETURN(Account account, owned_account(tx, order.user_id, order.account_id));
    Money missing = cash - reservation->cash;
    if (!missing.is_positive()) {
      outcome = accepted();
      return Status::Ok();
    }
    if (account.buying_power() < missing) {
      outcome = refused(kInsufficientFunds);
      return Status::Ok();
    }
    account.reserved += missing;
    FAFNIR_RETURN_IF_ERROR(tx.update_account(account));
    outcome = accepted();
    reservation->cash = cash;
    return tx.save_reservation(*reservation);
  }));
  return outcome;
}

// The users.deleted or orders.* event the portfolio acts on; neither for events it ignores.
struct PortfolioService::Update {
  Status decoded;                      // InvalidArgument when the payload is malformed
  std::optional<UserDeleted> deleted;  // users.deleted
  // orders.filled (with its fill), cancelled, expired, rejected
  std::shared_ptr<const OrderEvent> order;
  bool settles = false;                // orders.filled

  // The account the update locks first; empty for none or all of a user's.
  std::string_view account_id() const {
    return order ? std::string_view(order->order.account_id) : std::string_view();
  }
};

PortfolioService::Update PortfolioService::decode(const Event& event) {
  Update update;
  if (event.subject == subjects::kUsersDeleted) {
    Result<UserDeleted> deleted = UserDeleted::from_event(event);
    if (deleted.ok()) update.deleted = *std::move(deleted);
    update.decoded = deleted.status();
    return update;
  }
  update.settles = event.subject == subjects::kOrdersFilled;
  bool releases = event.subject == subjects::kOrdersCancelled ||
                  event.subject == subjects::kOrdersExpired ||
                  event.subject == subjects::kOrdersRejected;
  if (!update.settles && !releases) return update;
  Result<std::shared_ptr<const OrderEvent>> order = OrderEvent::from_event(event);
  if (!order.ok()) {
    update.decoded = order.status();
  } else if (update.settles && !(*order)->fill) {
    update.decoded = Status::InvalidArgument("orders.filled event without a fill");
  } else {
    update.order = *std::move(order);
  }
  return update;
}

std::vector<Disposition> PortfolioService::on_events(const std::vector<Delivery>& batch) {
  std::vector<Update> updates;
  updates.reserve(batch.size());
  for (const Delivery& delivery : batch) updates.push_back(decode(delivery.event));
  std::vector<const Update*> by_account;
  by_account.reserve(updates.size());
  for (const Update& update : updates) by_account.push_back(&update);
  std::stable_sort(by_account.begin(), by_account.end(), [](const Update* a, const Update* b) {
    return a->account_id() < b->account_id();
  });
  Status together = store_.transact([&](PortfolioTransaction& tx) -> Status {
    for (const Update* update : by_account) FAFNIR_RETURN_IF_ERROR(apply(tx, *update));
    return Status::Ok();
  });
  if (together.ok()) return std::vector<Disposition>(batch.size(), Disposition::Ack());
  std::vector<Disposition> decisions;
  for (const Update& update : updates) {
    decisions.push_back(disposition_for(
        store_.transact([&](PortfolioTransaction& tx) { return apply(tx, update); })));
  }
  return decisions;
}

Status PortfolioService::apply(PortfolioTransaction& tx, const Update& update) {
  FAFNIR_RETURN_IF_ERROR(update.decoded);
  if (update.deleted) return tx.delete_user(update.deleted->user_id);
  if (!update.order) return Status::Ok();
  const OrderEvent& decoded = *update.order;
  const Order& order = decoded.order;
  if (update.settles) {
    FAFNIR_ASSIGN_OR_RETURN(bool already_settled, tx.mark_fill_settled(decoded.fill->id));
    if (already_settled) return Status::Ok();
  }
  FAFNIR_ASSIGN_OR_RETURN(std::optional<Account> account, tx.find_account(order.account_id));
  if (!account) return Status::Ok();  // the account (or its user) is gone
  FAFNIR_ASSIGN_OR_RETURN(std::optional<Reservation> reservation, tx.find_reservation(order.id));
  Reservation held = reservation ? std::move(*reservation)
                                 : Reservation{order.id, account->id, order.symbol, Money(), Quantity()};
  if (update.settles) FAFNIR_RETURN_IF_ERROR(settle_fill(tx, *account, held, decoded));
  if (!is_open(order.status)) return release(tx, *account, held);
  FAFNIR_RETURN_IF_ERROR(tx.save_reservation(held));
  return tx.update_account(*account);
}

Status PortfolioService::release_orphaned_reservations(
    const std::function<Result<bool>(std::string_view order_id)>& order_exists) {
  return store_.transact([&](PortfolioTransaction& tx) -> Status {
    FAFNIR_ASSIGN_OR_RETURN(std::vector<Reservation> held, tx.reservations());
    for (Reservation& reservation : held) {
      FAFNIR_ASSIGN_OR_RETURN(bool exists, order_exists(reservation.order_id));
      if (exists) continue;
      FAFNIR_ASSIGN_OR_RETURN(std::optional<Account> account,
                              tx.find_account(reservation.account_id));
      if (account) FAFNIR_RETURN_IF_ERROR(release(tx, *account, reservation));
    }
    return Status::Ok();
  });
}

Status PortfolioService::settle_fill(PortfolioTransaction& tx, Account& account,
                                     Reservation& reservation, const OrderEvent& event) {
  const Order& order = event.order;
  const Fill& fill = *event.fill;
  FAFNIR_ASSIGN_OR_RETURN(std::optional<Holding> found, tx.find_holding(account.id, order.symbol));
  if (!found && order.side == OrderSide::kSell) {
    return Status::Internal("sell fill " + fill.id + " for shares the account does not hold");
  }
  Timestamp now = clock_.now();
  Holding holding = found ? std::move(*found)
                          : Holding{ids_.next(), account.id, order.symbol, Quantity(), Quantity(),
                                    Price(), Money(), now, now};
  holding.updated_at = now;
  std::string description = trade_description(order, fill);

  if (order.side == OrderSide::kBuy) {
    Money cost = fill.settlement_amount + fill.commission;
    Money from_reservation = std::min(reservation.cash, cost);
    reservation.cash -= from_reservation;
    account.reserved -= std::min(account.reserved, from_reservation);
    holding.cost_basis += cost;
    holding.quantity += fill.quantity;
    holding.average_cost = unit_price(holding.cost_basis, holding.quantity);
    FAFNIR_RETURN_IF_ERROR(credit(tx, account, TransactionType::kBuy, -fill.settlement_amount,
                                  std::move(description), order.id));
  } else {
    Quantity from_reservation = std::min(reservation.shares, fill.quantity);
    reservation.shares -= from_reservation;
    holding.reserved -= std::min(holding.reserved, from_reservation);
    // Closing the position releases exactly what is left of its cost, so a round trip's realized
    // P&L is exact to the micro.
    Money released = fill.quantity == holding.quantity
                         ? holding.cost_basis
                         : std::min(holding.cost_basis,
                                    notional(holding.average_cost, fill.quantity));
    holding.quantity -= fill.quantity;
    holding.cost_basis -= released;
    account.realized_pnl += fill.settlement_amount - fill.commission - released;
    FAFNIR_RETURN_IF_ERROR(credit(tx, account, TransactionType::kSell, fill.settlement_amount,
                                  std::move(description), order.id));
  }
  if (fill.commission.is_positive()) {
    FAFNIR_RETURN_IF_ERROR(credit(tx, account, TransactionType::kFee, -fill.commission,
                                  "Commission on " + order.symbol, order.id));
  }
  return tx.save_holding(holding);
}

}  // namespace fafnir
