#include "scenario/step_executor.h"

namespace fafnir {
namespace {

std::string describe(const OrderRequest& request) {
  std::string text = std::string(order_side_name(request.side)) + " " + request.quantity.format(0) +
                     " " + request.symbol + " " + std::string(order_type_name(request.type));
  if (request.stop_price) text += " stop " + request.stop_price->format();
  if (request.limit_price) text += " limit " + request.limit_price->format();
  return text + " " + std::string(time_in_force_name(request.time_in_force));
}

std::string describe(const Order& order) {
  std::string text = std::string(order_status_name(order.status));
  if (order.filled_quantity.is_positive()) {
    text += " " + order.filled_quantity.format(0) + " @ " + order.average_fill_price.format();
  }
  if (!order.reject_reason.empty()) text += " (" + order.reject_reason + ")";
  return text;
}

class Executor {
 public:
  Executor(ScenarioWorld& world, StepEffect& effect) : world_(world), effect_(effect) {}

  Status operator()(const RegisterUser& action) {
    effect_.user = action.user.name;
    FAFNIR_RETURN_IF_ERROR(world_.add_user(action.user));
    effect_.summary = "registered " + action.user.name + " <" + action.user.email + ">";
    return Status::Ok();
  }

  Status operator()(const Login& action) {
    effect_.user = action.user;
    FAFNIR_ASSIGN_OR_RETURN(ScenarioWorld::User user, world_.user(action.user));
    FAFNIR_RETURN_IF_ERROR(
        platform().auth().login(user.email, action.password.value_or(user.password)).status());
    effect_.summary = action.user + " logged in";
    return Status::Ok();
  }

  Status operator()(const CreateAccount& action) {
    effect_.account = action.user + "." + action.account.label;
    effect_.user = action.user;
    FAFNIR_ASSIGN_OR_RETURN(Account account, world_.add_account(action.user, action.account));
    effect_.summary =
        "opened " + effect_.account + " (" + std::string(account_type_name(account.type)) + " " +
        std::string(currency_code(account.currency)) + ", " + account.account_number + ")";
    return Status::Ok();
  }

  Status operator()(const Deposit& action) {
    effect_.account = action.account;
    FAFNIR_ASSIGN_OR_RETURN(ScenarioWorld::AccountRef account, world_.account(action.account));
    effect_.user = account.user;
    Currency currency = action.currency.value_or(account.currency);
    FAFNIR_RETURN_IF_ERROR(platform()
                               .portfolio()
                               .deposit(account.user_id, account.id, action.amount, currency)
                               .status());
    effect_.summary = "deposited " + action.amount.format() + " " +
                      std::string(currency_code(currency)) + " into " + action.account;
    return Status::Ok();
  }

  Status operator()(const Transfer& action) {
    effect_.account = action.from;
    FAFNIR_ASSIGN_OR_RETURN(ScenarioWorld::AccountRef from, world_.account(action.from));
    FAFNIR_ASSIGN_OR_RETURN(ScenarioWorld::AccountRef to, world_.account(action.to));
    effect_.user = from.user;
    Currency currency = action.currency.value_or(from.currency);
    FAFNIR_RETURN_IF_ERROR(
        platform().portfolio().transfer(from.user_id, from.id, to.id, action.amount, currency));
    effect_.summary = "transferred " + action.amount.format() + " " +
                      std::string(currency_code(currency)) + " from " + action.from + " to " +
                      action.to;
    return Status::Ok();
  }

  Status operator()(const PlaceOrder& action) {
    effect_.user = action.user;
    effect_.order_name = action.label.empty() ? "the step's order" : action.label;
    FAFNIR_ASSIGN_OR_RETURN(ScenarioWorld::User user, world_.user(action.user));
    effect_.summary = describe(action.request);
    FAFNIR_ASSIGN_OR_RETURN(Order order, platform().orders().place(user.id, action.request));
    ScenarioWorld::OrderRef placed{user.id, order.id};
    effect_.order = placed;
    if (!action.label.empty()) world_.remember_order(action.label, placed);
    effect_.summary += ": " + describe(order);
    return Status::Ok();
  }

  Status operator()(const CancelOrder& action) {
    effect_.order_name = action.order;
    FAFNIR_ASSIGN_OR_RETURN(ScenarioWorld::OrderRef order, world_.order(action.order));
    effect_.order = order;
    std::string user_id = order.user_id;
    if (action.user) {
      effect_.user = *action.user;
      FAFNIR_ASSIGN_OR_RETURN(ScenarioWorld::User user, world_.user(*action.user));
      user_id = user.id;
    }
    effect_.summary = "cancel " + action.order;
    FAFNIR_ASSIGN_OR_RETURN(Order canceled, platform().orders().cancel(user_id, order.id));
    effect_.summary += ": " + describe(canceled);
    return Status::Ok();
  }

  Status operator()(const SetPrice& action) {
    effect_.summary = action.symbol + " set to " + action.price.format();
    return platform().set_price(action.symbol, action.price);
  }

  Status operator()(const Advance& action) {
    Timestamp now = world_.clock().now();
    Duration duration = action.duration.value_or(Duration());
    if (action.until) {
      if (*action.until <= now) {
        return Status::InvalidArgument("until " + format_rfc3339(*action.until) +
                                       " is not after now, " + format_rfc3339(now));
      }
      duration = *action.until - now;
    }
    FAFNIR_RETURN_IF_ERROR(platform().advance(duration));
    effect_.summary = "advanced to " + format_rfc3339(world_.clock().now());
    return Status::Ok();
  }

  Status operator()(const ImportCsv& action) {
    effect_.summary = "imported bars of " + action.symbol;
    return platform().import_bars(action.symbol, action.csv);
  }

  Status operator()(const DeleteAccount& action) {
    effect_.account = action.account;
    FAFNIR_ASSIGN_OR_RETURN(ScenarioWorld::AccountRef account, world_.account(action.account));
    effect_.user = account.user;
    effect_.summary = "delete " + action.account;
    return platform().portfolio().delete_account(account.user_id, account.id);
  }

  Status operator()(const DeleteUser& action) {
    effect_.user = action.user;
    FAFNIR_ASSIGN_OR_RETURN(ScenarioWorld::User user, world_.user(action.user));
    effect_.summary = "delete user " + action.user;
    FAFNIR_ASSIGN_OR_RETURN(LoginSession session,
                            platform().auth().login(user.email, user.password));
    FAFNIR_ASSIGN_OR_RETURN(AuthenticatedUser caller,
                            platform().auth().authenticate(session.token));
    return platform().auth().delete_user(caller);
  }

  Status operator()(const Checkpoint&) {
    effect_.summary = "at " + format_rfc3339(world_.clock().now());
    return Status::Ok();
  }

 private:
  Platform& platform() { return world_.platform(); }

  ScenarioWorld& world_;
  StepEffect& effect_;
};

}  // namespace

StepEffect execute_step(ScenarioWorld& world, const Step& step) {
  StepEffect effect;
  effect.status = std::visit(Executor(world, effect), step.action);
  if (!effect.status.ok()) {
    effect.summary += (effect.summary.empty() ? "" : ": ") + std::string("refused: ") +
                      effect.status.to_string();
  }
  return effect;
}

}  // namespace fafnir
