import { describe, expect, it } from 'vitest';
import { threadOfPost } from '../../bot/delivery/post-thread.ts';

const base = { serviceUrl: 'https://smba.example/', channelId: 'msteams', bot: { id: '28:bot', name: '' } };

describe('the thread in which a post is updated', () => {
  it('is the post\'s own thread in a channel', () => {
    const channel = { ...base, conversation: { id: '19:abc@thread.tacv2', conversationType: 'channel', isGroup: true, name: '' } };
    expect(threadOfPost(channel, '1700000000001').conversation).toEqual({ ...channel.conversation, id: '19:abc@thread.tacv2;messageid=1700000000001' });
    expect(channel.conversation.id).toBe('19:abc@thread.tacv2');
  });

  it('stays the conversation in a chat, or when it already is a thread', () => {
    const chat = { ...base, conversation: { id: 'a:personal', conversationType: 'personal', isGroup: false, name: '' } };
    const thread = { ...base, conversation: { id: '19:abc@thread.tacv2;messageid=1', conversationType: 'channel', isGroup: true, name: '' } };
    expect(threadOfPost(chat, '2')).toBe(chat);
    expect(threadOfPost(thread, '2')).toBe(thread);
  });
});
