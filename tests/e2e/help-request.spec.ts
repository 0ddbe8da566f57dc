/**
 * Issue 13, item 3 (the agent's half): in her room an agent asks for help with an optional
 * note; she gets the toast "Help requested", the administrators are told (a toast), and while
 * the request is open the button says since when; asking again updates the note.
 */
import { expect, openRoom, test, toast } from './support/fixtures';

interface OpenRequests {
  helpRequests: { note: string | null; agent: { name: string }; enquiry: { id: string } }[];
}

test('grace asks for help with a note: ada is told, the button says it is open, asking again updates the note', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  const visitor = visitorName('Help Visitor');
  const enquiryId = await api.handlingEnquiry(visitor, 'grace@demo.test');
  const ada = await consoleAs('ada@demo.test');
  const grace = await consoleAs('grace@demo.test');
  const pane = await openRoom(grace, visitor);
  const chat = pane.getByRole('group', { name: 'Chat room' });

  const ask = chat.getByRole('button', { name: 'Ask for help', exact: true });
  await ask.click();
  await expect(ask).toHaveAttribute('aria-expanded', 'true');
  const note = chat.getByRole('textbox', { name: 'Note for the administrators (optional)' });
  await expect(note).toBeFocused();
  await note.fill('The visitor asks for a refund above my limit.');
  await chat.getByRole('button', { name: 'Send request' }).click();
  await expect(toast(grace, 'Help requested')).toBeVisible();
  await expect(note).toHaveCount(0);

  // Ada's console is told, with the note.
  await expect(toast(ada, 'Grace Hopper asks for assistance')).toContainText(
    'The visitor asks for a refund above my limit.',
  );
  const requests = async () =>
    (
      await api.data<OpenRequests>(
        'query { helpRequests { note agent { name } enquiry { id } } }',
        {},
        await api.token('ada@demo.test'),
      )
    ).helpRequests.filter((request) => request.enquiry.id === enquiryId);
  expect(await requests()).toEqual([
    {
      note: 'The visitor asks for a refund above my limit.',
      agent: { name: 'Grace Hopper' },
      enquiry: { id: enquiryId },
    },
  ]);

  // While it is open the button says so (and is still "Ask for help" by name).
  const open = chat.getByRole('button', { name: /^Ask for help: Help requested (just now|\d+ min ago)$/ });
  await expect(open).toBeVisible();
  await expect(open).toContainText(/Help requested/);

  // Asking again updates the note of the same request.
  await open.click();
  if (process.env.SHOTS_DIR) {
    for (const [width, height] of [
      [1366, 768],
      [1600, 1000],
    ] as const) {
      await grace.setViewportSize({ width, height });
      await grace.screenshot({ path: `${process.env.SHOTS_DIR}/ask-for-help-${width}x${height}.png` });
    }
  }
  const again = chat.getByRole('textbox', { name: /a new note replaces the old one/ });
  await expect(again).toHaveValue('The visitor asks for a refund above my limit.');
  await again.fill('Refund of 250 EUR; my limit is 100.');
  await chat.getByRole('button', { name: 'Update request' }).click();
  await expect(toast(grace, 'Help request updated')).toBeVisible();
  await expect
    .poll(async () => (await requests()).map((request) => request.note))
    .toEqual(['Refund of 250 EUR; my limit is 100.']);

  // An administrator answers it by joining: the request ends and the button asks afresh.
  await api.data(
    'mutation ($id: ID!) { joinEnquiry(enquiryId: $id) { viewer { isParticipant } } }',
    { id: enquiryId },
    await api.token('ada@demo.test'),
  );
  await expect(chat.getByRole('button', { name: 'Ask for help', exact: true })).toBeVisible();
  expect(await requests()).toEqual([]);
});
