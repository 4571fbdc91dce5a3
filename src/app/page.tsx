import { redirect } from "next/navigation";
import { getCurrentUser } from "~/server/auth/session";
import { forPage } from "~/server/http/page-outage";

export default async function Home() {
  const user = await forPage(getCurrentUser);
  redirect(user ? "/dashboard" : "/sign-in");
}
