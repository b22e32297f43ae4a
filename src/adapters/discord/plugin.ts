/**
 * Discord as a plug-in (docs/ARCHITECTURE.md "Platforms are plug-ins"). Its rate limits are discord.js's business: its REST queue reads Discord's rate-limit headers and
 * waits out 429s for replies and alerts alike, so the budget only caps how many alert sends wait
 * in that queue at once.
 */
import { unlimited } from "../../delivery/limiter.js";
import { definePlatform } from "../platform.js";
import { DISCORD, discordAddressing } from "./addressing.js";
import { startDiscord } from "./client.js";
import { discordConfig } from "./config.js";

export const discordPlatform = definePlatform({
  name: DISCORD,
  config: discordConfig,
  addressing: discordAddressing,
  rates: unlimited(10),
  configure: ({ DISCORD_TOKEN: token, DISCORD_API_ROOT: apiRoot, DISCORD_APPLICATION_ID, DISCORD_GUILD_ID }) =>
    token === undefined
      ? undefined
      : {
          secrets: [token],
          start: (context) =>
            startDiscord(
              {
                token,
                apiRoot,
                ...(DISCORD_APPLICATION_ID === undefined ? {} : { applicationId: DISCORD_APPLICATION_ID }),
                ...(DISCORD_GUILD_ID === undefined ? {} : { guildId: DISCORD_GUILD_ID }),
                dataDir: context.dataDir,
              },
              context,
            ),
        },
});
