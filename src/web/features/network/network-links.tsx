// Links to the network's pages, styled as Mantine anchors. Link is rendered as the anchor's root (rather than
// `component={Link}`) so that its typed params are checked against the route tree.
import { Anchor, type AnchorProps } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import type { ReactElement, ReactNode } from "react";

type Props = AnchorProps & { children: ReactNode; "data-testid"?: string };

export function OutletLink({ id, ...rest }: Props & { id: string }): ReactElement {
  return <Anchor {...rest} renderRoot={(p) => <Link {...p} to="/outlets/$outletId" params={{ outletId: id }} />} />;
}

export function DistributorLink({ id, ...rest }: Props & { id: string }): ReactElement {
  return (
    <Anchor
      {...rest}
      renderRoot={(p) => <Link {...p} to="/distributors/$distributorId" params={{ distributorId: id }} />}
    />
  );
}

export function OutletsOfDistributorLink({ distributorId, ...rest }: Props & { distributorId: string }): ReactElement {
  return <Anchor {...rest} renderRoot={(p) => <Link {...p} to="/outlets" search={{ distributorId }} />} />;
}

export function BackLink({ to, children }: { to: "/outlets" | "/distributors"; children: ReactNode }): ReactElement {
  return (
    <Anchor size="sm" renderRoot={(p) => <Link {...p} to={to} />}>
      {children}
    </Anchor>
  );
}
