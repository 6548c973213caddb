// What a SKU can be found by: the one definition for the services, imports and the demo seed.
import { searchText } from "../../shared/search-text.ts";

export const skuSearchText = (s: { code: string; name: string; name_bn: string; barcode: string | null }) =>
  searchText(s.code, s.name, s.name_bn, s.barcode);
