import { defineErrors } from "../platform/errors.ts";

export const WebhookErrors = defineErrors({
  endpointNotFound: {
    code: "webhooks.endpoint_not_found",
    status: 404,
    en: "The webhook endpoint was not found.",
    bn: "ওয়েবহুক এন্ডপয়েন্টটি পাওয়া যায়নি।",
  },
  deliveryNotFound: {
    code: "webhooks.delivery_not_found",
    status: 404,
    en: "The webhook delivery was not found.",
    bn: "ওয়েবহুক ডেলিভারিটি পাওয়া যায়নি।",
  },
  targetPrivate: {
    code: "webhooks.target_private",
    status: 422,
    en: "Webhooks may not point at this server, a private network or a local name. Use a public http(s) URL.",
    bn: "ওয়েবহুক এই সার্ভার, প্রাইভেট নেটওয়ার্ক বা লোকাল নামে পাঠানো যায় না। একটি পাবলিক http(s) URL দিন।",
  },
  targetUnresolvable: {
    code: "webhooks.target_unresolvable",
    status: 422,
    en: "The host name of this URL could not be found. Check the address.",
    bn: "এই URL-এর হোস্ট নামটি খুঁজে পাওয়া যায়নি। ঠিকানাটি যাচাই করুন।",
  },
  tooManyEndpoints: {
    code: "webhooks.too_many_endpoints",
    status: 409,
    en: "An organisation may have at most {limit} webhook endpoints. Delete one you no longer use.",
    bn: "একটি প্রতিষ্ঠানের সর্বোচ্চ {limit}টি ওয়েবহুক এন্ডপয়েন্ট থাকতে পারে। অপ্রয়োজনীয় একটি মুছে দিন।",
  },
  endpointPaused: {
    code: "webhooks.endpoint_paused",
    status: 409,
    en: "This endpoint is paused. Turn it on before sending to it.",
    bn: "এই এন্ডপয়েন্টটি বন্ধ রাখা আছে। পাঠানোর আগে এটি চালু করুন।",
  },
  endpointDeleted: {
    code: "webhooks.endpoint_deleted",
    status: 409,
    en: "The endpoint of this delivery has been deleted, so it cannot be sent again.",
    bn: "এই ডেলিভারির এন্ডপয়েন্টটি মুছে ফেলা হয়েছে, তাই এটি আবার পাঠানো যাবে না।",
  },
});
