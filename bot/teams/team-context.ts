import type { TurnContext } from 'botbuilder';

interface TTeamsChannelData {
  team?: { id?: string; name?: string };
  channel?: { id?: string; name?: string };
}

/** The team a channel turn happens in; undefined outside a team. */
export function teamOf(context: TurnContext): { id: string; name?: string } | undefined {
  const team = (context.activity.channelData as TTeamsChannelData | undefined)?.team;
  return team?.id ? { id: team.id, name: team.name } : undefined;
}

/** The channel itself, not the thread: a reply's conversation id ends in ";messageid=…". */
export function channelIdOf(context: TurnContext): string | undefined {
  const fromChannelData = (context.activity.channelData as TTeamsChannelData | undefined)?.channel?.id;
  return fromChannelData ?? context.activity.conversation?.id?.split(';')[0];
}
