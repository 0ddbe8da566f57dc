import type { Presence } from '../../shared/domain';
import type { CallKind, Channel, OverviewColumn, Role } from '../domain/types';

/** The demo world of API-CONTRACT.md: its tenants, accounts and starting enquiries. */

export const DEMO_PASSWORD = 'demo-pass-2026';

export interface DemoTenant {
  id: string;
  name: string;
  plan: string;
  enquiryMonitoring: boolean;
  /**
   * How many enquiries an agent may handle at once (the tenant's default capacity), when not
   * the schema's default (3). Set above what the world gives each agent, so that a transfer
   * has somewhere to go.
   */
  defaultAgentCapacity?: number;
  /** Presence: agents start Online (the schema's default) unless said here. */
  staff: { email: string; name: string; role: Role; presence?: Presence }[];
  enquiries: DemoEnquiry[];
}

export interface DemoEnquiry {
  visitor: string;
  channel: Channel;
  status: OverviewColumn;
  /** Email of the owning agent, for Handling and Closed. */
  owner?: string;
  call?: CallKind;
  subject: string;
  /** Visitor and agent lines, alternating, visitor first. */
  lines: string[];
  /** Minutes ago the visitor started waiting. */
  waitedMinutes: number;
}

const chat = (question: string, answer: string, followUp?: string): string[] =>
  followUp ? [question, answer, followUp] : [question, answer];

export const DEMO_TENANTS: DemoTenant[] = [
  {
    id: 'demo',
    name: 'Demo Contact Centre',
    plan: 'enterprise',
    enquiryMonitoring: true,
    // Each agent starts with 4 enquiries in Handling: 4 of 6, room for a transfer or two.
    defaultAgentCapacity: 6,
    staff: [
      { email: 'ada@demo.test', name: 'Ada Lovelace', role: 'ADMINISTRATOR' },
      { email: 'alan@demo.test', name: 'Alan Turing', role: 'ADMINISTRATOR' },
      { email: 'grace@demo.test', name: 'Grace Hopper', role: 'AGENT', presence: 'ONLINE' },
      { email: 'linus@demo.test', name: 'Linus Torvalds', role: 'AGENT', presence: 'ONLINE' },
      { email: 'margaret@demo.test', name: 'Margaret Hamilton', role: 'AGENT', presence: 'ONLINE' },
    ],
    enquiries: [
      {
        visitor: 'Emma Wilson',
        channel: 'WEB_CHAT',
        status: 'OPEN',
        subject: 'Delivery date',
        lines: ['When will my order arrive?'],
        waitedMinutes: 0,
      },
      {
        visitor: 'Lucas Silva',
        channel: 'WHATSAPP',
        status: 'OPEN',
        subject: 'Refund',
        lines: ['I would like a refund, please.'],
        waitedMinutes: 0,
      },
      {
        visitor: 'Zara Ahmed',
        channel: 'FACEBOOK',
        status: 'OPEN',
        subject: 'Opening hours',
        lines: ['Are you open on Sunday?'],
        waitedMinutes: 0,
      },
      {
        visitor: 'Hannah Schmidt',
        channel: 'WEB_CHAT',
        status: 'HANDLING',
        owner: 'grace@demo.test',
        subject: 'Broken charger',
        lines: chat(
          'My charger stopped working.',
          'Sorry to hear that! Which model is it?',
          'The 65 W one, bought in May.',
        ),
        waitedMinutes: 14,
      },
      {
        visitor: 'Mateo Rossi',
        channel: 'WHATSAPP',
        status: 'HANDLING',
        owner: 'linus@demo.test',
        subject: 'Invoice copy',
        lines: chat('Can I get a copy of my invoice?', 'Of course, which order number?'),
        waitedMinutes: 12,
      },
      {
        visitor: 'Aiko Tanaka',
        channel: 'EMAIL',
        status: 'HANDLING',
        owner: 'margaret@demo.test',
        subject: 'Change address',
        lines: chat('I moved; please update my address.', 'Happy to help. What is the new address?'),
        waitedMinutes: 11,
      },
      {
        visitor: 'Liam OBrien',
        channel: 'WEB_CHAT',
        status: 'HANDLING',
        owner: 'grace@demo.test',
        call: 'ONE_TO_ONE',
        subject: 'Setup help',
        lines: chat('Can you walk me through the setup?', 'Sure, I will call you now.'),
        waitedMinutes: 10,
      },
      {
        visitor: 'Sofia Alvarez',
        channel: 'WEB_CHAT',
        status: 'HANDLING',
        owner: 'linus@demo.test',
        call: 'CONFERENCE',
        subject: 'Business account',
        lines: chat('We want a business account for 40 people.', 'Let me bring in a colleague on a call.'),
        waitedMinutes: 9,
      },
      {
        visitor: 'Yusuf Demir',
        channel: 'SMS',
        status: 'HANDLING',
        owner: 'margaret@demo.test',
        subject: 'Password reset',
        lines: chat('I cannot reset my password.', 'Let us fix that. Did you get the reset email?'),
        waitedMinutes: 8,
      },
      {
        visitor: 'Chloe Martin',
        channel: 'WEB_CHAT',
        status: 'HANDLING',
        owner: 'grace@demo.test',
        subject: 'Warranty',
        lines: chat('Is my laptop still under warranty?', 'Let me check the serial number for you.'),
        waitedMinutes: 7,
      },
      {
        visitor: 'Ravi Kumar',
        channel: 'WHATSAPP',
        status: 'HANDLING',
        owner: 'linus@demo.test',
        subject: 'Upgrade plan',
        lines: chat('How do I upgrade my plan?', 'I can do it for you right away.'),
        waitedMinutes: 6,
      },
      {
        visitor: 'Nora Lindqvist',
        channel: 'FACEBOOK',
        status: 'HANDLING',
        owner: 'margaret@demo.test',
        subject: 'Damaged parcel',
        lines: chat('The parcel arrived damaged.', 'I am sorry! Could you send a photo?'),
        waitedMinutes: 5,
      },
      {
        visitor: 'Diego Fernandez',
        channel: 'WEB_CHAT',
        status: 'HANDLING',
        owner: 'grace@demo.test',
        subject: 'Discount code',
        lines: chat('My discount code does not work.', 'Which code did you use?'),
        waitedMinutes: 4,
      },
      {
        visitor: 'Amara Okafor',
        channel: 'EMAIL',
        status: 'HANDLING',
        owner: 'linus@demo.test',
        subject: 'Cancel order',
        lines: chat('Please cancel my last order.', 'Let me look it up.'),
        waitedMinutes: 3,
      },
      {
        visitor: 'Tomasz Nowak',
        channel: 'WEB_CHAT',
        status: 'HANDLING',
        owner: 'margaret@demo.test',
        subject: 'Gift wrap',
        lines: chat('Can you gift-wrap my order?', 'Yes, for a small fee.'),
        waitedMinutes: 2,
      },
      {
        visitor: 'Oscar Berg',
        channel: 'WEB_CHAT',
        status: 'MISSED',
        subject: 'Stock question',
        lines: ['Is the blue one back in stock?'],
        waitedMinutes: 30,
      },
      {
        visitor: 'Mia Novak',
        channel: 'SMS',
        status: 'MISSED',
        subject: 'Call back',
        lines: ['Please call me back.'],
        waitedMinutes: 25,
      },
      {
        visitor: 'Ethan Brooks',
        channel: 'WEB_CHAT',
        status: 'CLOSED',
        owner: 'grace@demo.test',
        subject: 'Order status',
        lines: chat('Where is my order?', 'It ships today.', 'Thanks!'),
        waitedMinutes: 60,
      },
      {
        visitor: 'Isla Murray',
        channel: 'WHATSAPP',
        status: 'CLOSED',
        owner: 'linus@demo.test',
        subject: 'Store hours',
        lines: chat('When do you open?', 'At nine every weekday.'),
        waitedMinutes: 50,
      },
      {
        visitor: 'Jonas Weber',
        channel: 'EMAIL',
        status: 'CLOSED',
        owner: 'margaret@demo.test',
        subject: 'Receipt',
        lines: chat('I need a receipt.', 'Sent to your email.'),
        waitedMinutes: 40,
      },
    ],
  },
  {
    id: 'basic',
    name: 'Basic Helpdesk',
    plan: 'basic',
    enquiryMonitoring: false,
    staff: [
      { email: 'basil@basic.test', name: 'Basil Fawlty', role: 'ADMINISTRATOR' },
      { email: 'bea@basic.test', name: 'Bea Arthur', role: 'AGENT' },
    ],
    enquiries: [
      {
        visitor: 'Peter Quill',
        channel: 'WEB_CHAT',
        status: 'OPEN',
        subject: 'Music order',
        lines: ['Do you sell cassette tapes?'],
        waitedMinutes: 0,
      },
      {
        visitor: 'Gwen Stacy',
        channel: 'WEB_CHAT',
        status: 'HANDLING',
        owner: 'bea@basic.test',
        subject: 'Lost login',
        lines: chat('I lost my login details.', 'I can help you recover them.'),
        waitedMinutes: 6,
      },
      {
        visitor: 'Miles Morales',
        channel: 'WHATSAPP',
        status: 'HANDLING',
        owner: 'bea@basic.test',
        subject: 'Shoe size',
        lines: chat('Do these run small?', 'Slightly; go half a size up.'),
        waitedMinutes: 4,
      },
      {
        visitor: 'Harry Osborn',
        channel: 'EMAIL',
        status: 'MISSED',
        subject: 'Invoice',
        lines: ['Invoice please.'],
        waitedMinutes: 20,
      },
      {
        visitor: 'Mary Jane',
        channel: 'WEB_CHAT',
        status: 'CLOSED',
        owner: 'bea@basic.test',
        subject: 'Tickets',
        lines: chat('Are tickets refundable?', 'Up to 24 hours before.'),
        waitedMinutes: 45,
      },
    ],
  },
];
