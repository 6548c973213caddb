// What a distributor or outlet can be found by: the one definition for the services, imports and the demo seed.
import { searchText } from "../../shared/search-text.ts";

export const outletSearchText = (o: {
  code: string;
  name: string;
  name_bn: string;
  owner_name: string;
  phone: string | null;
}) => searchText(o.code, o.name, o.name_bn, o.owner_name, o.phone);

export const distributorSearchText = (d: {
  code: string;
  name: string;
  name_bn: string;
  owner_name: string;
  phone: string;
}) => searchText(d.code, d.name, d.name_bn, d.owner_name, d.phone);
