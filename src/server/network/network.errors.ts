import { defineErrors } from "../platform/errors.ts";

export const NetworkErrors = defineErrors({
  territoryNotFound: {
    code: "network.territory_not_found",
    status: 404,
    en: "The territory was not found.",
    bn: "এলাকাটি পাওয়া যায়নি।",
  },
  territoryCodeTaken: {
    code: "network.territory_code_taken",
    status: 409,
    en: "A territory with the code {code} already exists.",
    bn: "{code} কোডের একটি এলাকা আগে থেকেই আছে।",
  },
  wrongLevel: {
    code: "network.territory_wrong_level",
    status: 400,
    en: "Under a {parentLevel} only a {expected} can be placed.",
    bn: "{parentLevel}-এর নিচে শুধু {expected} রাখা যায়।",
  },
  rootNotAllowed: {
    code: "network.territory_root_not_allowed",
    status: 403,
    en: "Only an administrator can add a national root, and it must have no parent.",
    bn: "শুধু অ্যাডমিন জাতীয় স্তরের মূল এলাকা যোগ করতে পারেন, এবং এর কোনো উপরের এলাকা থাকবে না।",
  },
  moveIntoOwnSubtree: {
    code: "network.territory_move_into_subtree",
    status: 409,
    en: "A territory cannot be moved under itself or one of its own sub-territories.",
    bn: "কোনো এলাকাকে তার নিজের বা নিজের উপ-এলাকার নিচে সরানো যায় না।",
  },
  territoryInUse: {
    code: "network.territory_in_use",
    status: 409,
    en: "The territory still has {children} active sub-territories, {outlets} outlets and {distributors} distributors. Move or archive them first.",
    bn: "এলাকাটিতে এখনও {children}টি সক্রিয় উপ-এলাকা, {outlets}টি আউটলেট ও {distributors}টি ডিস্ট্রিবিউটর আছে। আগে সেগুলো সরান বা আর্কাইভ করুন।",
  },
  territoryArchived: {
    code: "network.territory_archived",
    status: 409,
    en: "The territory is archived.",
    bn: "এলাকাটি আর্কাইভ করা হয়েছে।",
  },
  territoryOutOfScope: {
    code: "network.territory_out_of_scope",
    status: 403,
    en: "You can only use territories inside your own.",
    bn: "আপনি শুধু নিজের এলাকার ভিতরের এলাকা ব্যবহার করতে পারেন।",
  },
  notARoute: {
    code: "network.not_a_route",
    status: 400,
    en: "The route must be a territory of level route (a beat).",
    bn: "রুটটি অবশ্যই 'রুট' (বিট) স্তরের এলাকা হতে হবে।",
  },
  distributorNotFound: {
    code: "network.distributor_not_found",
    status: 404,
    en: "The distributor was not found.",
    bn: "ডিস্ট্রিবিউটর পাওয়া যায়নি।",
  },
  distributorCodeTaken: {
    code: "network.distributor_code_taken",
    status: 409,
    en: "A distributor with the code {code} already exists.",
    bn: "{code} কোডের একজন ডিস্ট্রিবিউটর আগে থেকেই আছে।",
  },
  distributorArchived: {
    code: "network.distributor_archived",
    status: 409,
    en: "The distributor is archived.",
    bn: "ডিস্ট্রিবিউটরটি আর্কাইভ করা হয়েছে।",
  },
  distributorHasOutlets: {
    code: "network.distributor_has_outlets",
    status: 409,
    en: "The distributor still serves {count} active outlets. Reassign them first.",
    bn: "ডিস্ট্রিবিউটরটি এখনও {count}টি সক্রিয় আউটলেটে সরবরাহ করে। আগে সেগুলো অন্যকে দিন।",
  },
  outletNotFound: {
    code: "network.outlet_not_found",
    status: 404,
    en: "The outlet was not found.",
    bn: "আউটলেট পাওয়া যায়নি।",
  },
  outletCodeTaken: {
    code: "network.outlet_code_taken",
    status: 409,
    en: "An outlet with the code {code} already exists.",
    bn: "{code} কোডের একটি আউটলেট আগে থেকেই আছে।",
  },
  outletArchived: {
    code: "network.outlet_archived",
    status: 409,
    en: "The outlet is archived.",
    bn: "আউটলেটটি আর্কাইভ করা হয়েছে।",
  },
  routeRequired: {
    code: "network.route_required",
    status: 400,
    en: "Choose a route inside your territory, or the outlet would be outside your view.",
    bn: "আপনার এলাকার ভিতরের একটি রুট বেছে নিন, নাহলে আউটলেটটি আপনি দেখতে পাবেন না।",
  },
  assignmentExists: {
    code: "network.assignment_exists",
    status: 409,
    en: "There is already an assignment from {date}.",
    bn: "{date} থেকে একটি নির্ধারণ আগে থেকেই আছে।",
  },
  routeNotFound: {
    code: "network.route_not_found",
    status: 404,
    en: "The route was not found.",
    bn: "রুটটি পাওয়া যায়নি।",
  },
  repNotFound: {
    code: "network.rep_not_found",
    status: 400,
    en: "The sales rep was not found or is not active.",
    bn: "সেলস রিপ্রেজেন্টেটিভ পাওয়া যায়নি বা সক্রিয় নয়।",
  },
  outletIdTaken: {
    code: "network.outlet_id_taken",
    status: 409,
    en: "An outlet with this id already exists.",
    bn: "এই আইডির একটি আউটলেট আগে থেকেই আছে।",
  },
  outletNotPending: {
    code: "network.outlet_not_pending",
    status: 409,
    en: "The outlet is not waiting for approval.",
    bn: "আউটলেটটি অনুমোদনের অপেক্ষায় নেই।",
  },
  distributorNotServingRoute: {
    code: "network.distributor_not_serving_route",
    status: 422,
    en: "This distributor does not serve the outlet's route. Choose one that covers its area.",
    bn: "এই ডিস্ট্রিবিউটর আউটলেটের রুটে সরবরাহ করে না। যে ডিস্ট্রিবিউটর এই এলাকায় কাজ করে তাকে বেছে নিন।",
  },
  noDistributorForRoute: {
    code: "network.no_distributor_for_route",
    status: 422,
    en: "No active distributor covers the outlet's route. Set a distributor's coverage first, or choose one.",
    bn: "কোনো সক্রিয় ডিস্ট্রিবিউটর আউটলেটের রুটে কাজ করে না। আগে কোনো ডিস্ট্রিবিউটরের এলাকা ঠিক করুন, অথবা একজন বেছে নিন।",
  },
  importInvalid: {
    code: "network.import_invalid",
    status: 422,
    en: "Problems found in the file: {count}. Nothing was imported.",
    bn: "ফাইলে সমস্যা পাওয়া গেছে: {count}টি। কিছুই আমদানি করা হয়নি।",
  },
  importEmpty: {
    code: "network.import_empty",
    status: 400,
    en: "The file has no rows to import.",
    bn: "ফাইলে আমদানি করার মতো কোনো সারি নেই।",
  },
});

/** Per-row problems of an import, in both languages; the service picks the caller's. */
export const IMPORT_MESSAGES = {
  missingColumn: { en: "The column {column} is missing from the header.", bn: "হেডারে {column} কলামটি নেই।" },
  required: { en: "{column} is required.", bn: "{column} দিতে হবে।" },
  tooLong: { en: "{column} is too long (at most {max} characters).", bn: "{column} খুব লম্বা (সর্বোচ্চ {max} অক্ষর)।" },
  badCode: {
    en: "{column} may contain only letters, digits, '.', '_' and '-'.",
    bn: "{column}-এ শুধু অক্ষর, অঙ্ক, '.', '_' ও '-' থাকতে পারে।",
  },
  duplicateInFile: { en: "The code {value} appears twice in the file.", bn: "{value} কোডটি ফাইলে দুবার আছে।" },
  codeTaken: { en: "The code {value} already exists.", bn: "{value} কোডটি আগে থেকেই আছে।" },
  badLevel: {
    en: "Level must be one of national, region, area, territory, route.",
    bn: "স্তর হবে national, region, area, territory বা route।",
  },
  unknownParent: {
    en: "No territory with the code {value}, here or earlier in the file.",
    bn: "{value} কোডের কোনো এলাকা নেই, এখানে বা ফাইলের আগের সারিতে।",
  },
  wrongLevel: {
    en: "Under a {parentLevel} only a {expected} can be placed.",
    bn: "{parentLevel}-এর নিচে শুধু {expected} রাখা যায়।",
  },
  rootNotAllowed: {
    en: "Only an administrator can add a national root without a parent.",
    bn: "শুধু অ্যাডমিন উপরের এলাকা ছাড়া জাতীয় মূল এলাকা যোগ করতে পারেন।",
  },
  outOfScope: {
    en: "{value} is outside your territory.",
    bn: "{value} আপনার এলাকার বাইরে।",
  },
  badPhone: { en: "Not a Bangladesh mobile number (01XXXXXXXXX).", bn: "বাংলাদেশি মোবাইল নম্বর নয় (০১XXXXXXXXX)।" },
  badNumber: { en: "{column} must be a number.", bn: "{column} একটি সংখ্যা হতে হবে।" },
  outOfRange: { en: "{column} is out of range.", bn: "{column} সীমার বাইরে।" },
  badChannel: {
    en: "Channel must be one of grocery, pharmacy, confectionery, wholesale, cosmetics, horeca, other.",
    bn: "চ্যানেল হবে grocery, pharmacy, confectionery, wholesale, cosmetics, horeca বা other।",
  },
  badClass: { en: "Class must be A, B or C.", bn: "শ্রেণি হবে A, B বা C।" },
  unknownDistributor: {
    en: "No active distributor with the code {value}.",
    bn: "{value} কোডের কোনো সক্রিয় ডিস্ট্রিবিউটর নেই।",
  },
  unknownRoute: { en: "No route with the code {value}.", bn: "{value} কোডের কোনো রুট নেই।" },
  latLngPair: { en: "Give both lat and lng, or neither.", bn: "lat ও lng দুটোই দিন, অথবা কোনোটিই না।" },
  routeRequired: {
    en: "A route_code inside your territory is required.",
    bn: "আপনার এলাকার ভিতরের একটি route_code দিতে হবে।",
  },
} as const;

export type ImportMessage = keyof typeof IMPORT_MESSAGES;
