// The translation catalogs: the core (bn.json / en.json) plus one file per business area under areas/, each
// under its own top-level key, so areas can grow their strings without touching one another's files.
import activitiesBn from "./areas/activities.bn.json";
import activitiesEn from "./areas/activities.en.json";
import catalogBn from "./areas/catalog.bn.json";
import catalogEn from "./areas/catalog.en.json";
import claimsBn from "./areas/claims.bn.json";
import claimsEn from "./areas/claims.en.json";
import crmBn from "./areas/crm.bn.json";
import crmEn from "./areas/crm.en.json";
import dealsBn from "./areas/deals.bn.json";
import dealsEn from "./areas/deals.en.json";
import deliveryBn from "./areas/delivery.bn.json";
import deliveryEn from "./areas/delivery.en.json";
import fieldBn from "./areas/field.bn.json";
import fieldEn from "./areas/field.en.json";
import incentivesBn from "./areas/incentives.bn.json";
import incentivesEn from "./areas/incentives.en.json";
import leadsBn from "./areas/leads.bn.json";
import leadsEn from "./areas/leads.en.json";
import loyaltyBn from "./areas/loyalty.bn.json";
import loyaltyEn from "./areas/loyalty.en.json";
import networkBn from "./areas/network.bn.json";
import networkEn from "./areas/network.en.json";
import ordersBn from "./areas/orders.bn.json";
import ordersEn from "./areas/orders.en.json";
import promotionsBn from "./areas/promotions.bn.json";
import promotionsEn from "./areas/promotions.en.json";
import replenishmentBn from "./areas/replenishment.bn.json";
import replenishmentEn from "./areas/replenishment.en.json";
import serviceBn from "./areas/service.bn.json";
import serviceEn from "./areas/service.en.json";
import targetsBn from "./areas/targets.bn.json";
import targetsEn from "./areas/targets.en.json";
import webhooksBn from "./areas/webhooks.bn.json";
import webhooksEn from "./areas/webhooks.en.json";
import coreBn from "./bn.json";
import coreEn from "./en.json";

export const en = {
  ...coreEn,
  network: networkEn,
  catalog: catalogEn,
  orders: ordersEn,
  webhooks: webhooksEn,
  field: fieldEn,
  delivery: deliveryEn,
  replenishment: replenishmentEn,
  targets: targetsEn,
  promotions: promotionsEn,
  claims: claimsEn,
  incentives: incentivesEn,
  loyalty: loyaltyEn,
  crm: crmEn,
  leads: leadsEn,
  activities: activitiesEn,
  deals: dealsEn,
  service: serviceEn,
};
export const bn: typeof en = {
  ...coreBn,
  network: networkBn,
  catalog: catalogBn,
  orders: ordersBn,
  webhooks: webhooksBn,
  field: fieldBn,
  delivery: deliveryBn,
  replenishment: replenishmentBn,
  targets: targetsBn,
  promotions: promotionsBn,
  claims: claimsBn,
  incentives: incentivesBn,
  loyalty: loyaltyBn,
  crm: crmBn,
  leads: leadsBn,
  activities: activitiesBn,
  deals: dealsBn,
  service: serviceBn,
};
