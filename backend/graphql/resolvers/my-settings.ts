import { isEnumType, type GraphQLResolveInfo } from 'graphql';

/** The notification kinds there are, as the schema lists them (a kind added there is a kind here). */
export function notificationKinds(info: GraphQLResolveInfo): string[] {
  const type = info.schema.getType('NotificationKind');
  return isEnumType(type) ? type.getValues().map((value) => value.value as string) : [];
}
