/**
 * The enquiry backend's GraphQL SDL. Its names are the public contract (docs/api.md; printed to
 * docs/schema.graphql by `npm run schema:print`): add freely, rename or remove nothing without a
 * migration note. Put together from its parts in shared/graphql/sdl/, one file per area.
 */
import { enumTypeDefs } from './sdl/enums';
import { tenantTypeDefs } from './sdl/tenant';
import { enquiryTypeDefs } from './sdl/enquiry';
import { auditTypeDefs } from './sdl/audit';
import { eventTypeDefs } from './sdl/events';
import { operationTypeDefs } from './sdl/operations';

/** The whole SDL, in the order written (docs/schema.graphql prints it in this order). */
export const typeDefs = [
  enumTypeDefs,
  tenantTypeDefs,
  enquiryTypeDefs,
  auditTypeDefs,
  eventTypeDefs,
  operationTypeDefs,
].join('');
