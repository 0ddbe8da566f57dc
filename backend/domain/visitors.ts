import type { TokenService } from '../auth/tokens';
import { messageText } from './actor';
import { notFound, refusal } from './errors';
import { newId } from './ids';
import { writeForTenant, type TenantWrite, type WriteDeps } from './tenant-write';
import type { Channel, Enquiry, Message, VisitorPrincipal } from './types';

/** The visitor side: opening an enquiry and writing in it. */

export interface VisitorSession {
  visitorToken: string;
  visitor: { id: string; name: string };
  enquiry: Enquiry;
}

export interface NewEnquiry {
  tenant: string;
  visitorName: string;
  channel?: Channel | null;
  text?: string | null;
  subject?: string | null;
}

/** Creates the visitor and their Open enquiry inside an existing tenant write. */
export async function openEnquiry(
  write: TenantWrite,
  input: NewEnquiry,
): Promise<{ enquiry: Enquiry; visitorId: string }> {
  const name = input.visitorName.trim();
  if (name.length === 0 || name.length > 80)
    throw refusal('BAD_USER_INPUT', 'A visitor name must be 1 to 80 characters.');
  const subject = input.subject?.trim() ? input.subject.trim().slice(0, 200) : null;
  const text = input.text?.trim() ? messageText(input.text) : null;
  const visitorId = newId('vis');
  const enquiryId = newId('enq');
  const at = write.now.toISOString();
  await write.tx.query('insert into visitors (id, tenant_id, name) values ($1, $2, $3)', [
    visitorId,
    write.tenantId,
    name,
  ]);
  await write.tx.query(
    `insert into enquiries (id, tenant_id, status, channel, visitor_id, subject, waiting_since, updated_at)
     values ($1, $2, 'OPEN', $3, $4, $5, $6, $6)`,
    [enquiryId, write.tenantId, input.channel ?? 'WEB_CHAT', visitorId, subject, at],
  );
  let event = await write.append('ENQUIRY_CREATED', enquiryId, null, { bumpVersion: true });
  if (text) {
    event = await write.append('MESSAGE_POSTED', enquiryId, null, {
      message: { kind: 'TEXT', author: { kind: 'VISITOR', id: visitorId, name, role: null }, text },
    });
  }
  return { enquiry: event.payload.enquiry, visitorId };
}

export async function startEnquiry(
  deps: WriteDeps,
  tokens: TokenService,
  input: NewEnquiry,
): Promise<VisitorSession> {
  const tenantId = input.tenant.trim().toLowerCase();
  const exists = await deps.store.query('select id from tenants where id = $1', [tenantId]);
  if (exists.length === 0) throw notFound('tenant');
  const { enquiry, visitorId } = await writeForTenant(deps, tenantId, (write) => openEnquiry(write, input));
  return {
    visitorToken: await tokens.signVisitor(visitorId, tenantId, enquiry.id),
    visitor: enquiry.visitor,
    enquiry,
  };
}

export async function sendVisitorMessage(
  deps: WriteDeps,
  visitor: VisitorPrincipal,
  text: string,
): Promise<Message> {
  const body = messageText(text);
  const post = async (write: TenantWrite): Promise<Message> => {
    const enquiry = await write.enquiry(visitor.enquiryId);
    if (!enquiry || enquiry.visitor.id !== visitor.visitorId) throw notFound();
    if (enquiry.status === 'CLOSED') throw refusal('INVALID_STATE', 'This enquiry is closed.');
    const event = await write.append('MESSAGE_POSTED', enquiry.id, null, {
      message: {
        kind: 'TEXT',
        author: { kind: 'VISITOR', id: visitor.visitorId, name: enquiry.visitor.name, role: null },
        text: body,
      },
    });
    return event.payload.message as Message;
  };
  return writeForTenant(deps, visitor.tenantId, post, { enquiryId: visitor.enquiryId });
}
