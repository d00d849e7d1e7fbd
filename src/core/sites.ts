/**
 * DMXAPI's three sites (baseurl.md). A key works only with the site that issued it, so the key and
 * `dmxapi.baseUrl` are chosen together.
 */

export interface DmxApiSite {
  readonly baseUrl: string;
  /** What the site bills in; the SSVIP site bills list prices in USD without the discount. */
  readonly billing: 'rmb' | 'usd' | 'usdListPrice';
}

export const DMXAPI_SITES: readonly DmxApiSite[] = [
  { baseUrl: 'https://www.dmxapi.cn', billing: 'rmb' },
  { baseUrl: 'https://www.dmxapi.com', billing: 'usd' },
  { baseUrl: 'https://ssvip.dmxapi.com', billing: 'usdListPrice' },
];

/** The DMXAPI site a base URL points at (`https://www.dmxapi.cn/v1` is the .cn site), if it is one of the three. */
export function siteOf(baseUrl: string): DmxApiSite | undefined {
  let host: string;
  try {
    host = new URL(baseUrl.trim()).host.toLowerCase();
  } catch {
    return undefined;
  }
  return DMXAPI_SITES.find((site) => new URL(site.baseUrl).host === host);
}
