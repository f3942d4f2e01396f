#!/bin/bash
# EC2 user data for an Amazon Linux 2023 backend host (docs/ci-cd.md, step 6): Java 17, the
# CodeDeploy agent, and /etc/tixproof/tixproof.env written from SSM Parameter Store
# (/tixproof/prod/<NAME> = the value of NAME), plus this host's roles. The three lines below are
# replaced when the host is launched: the first host runs every role; more hosts run
# "api workers" (or "workers") with MASTER_URL pointing at the first host's master.
set -euxo pipefail
REGION=REGION
ROLES="api master workers"
MASTER_URL=""
dnf install -y java-17-amazon-corretto-headless ruby wget
cd /tmp
wget -q "https://aws-codedeploy-$REGION.s3.$REGION.amazonaws.com/latest/install"
chmod +x install
./install auto
systemctl enable --now codedeploy-agent

install -d -m 0755 /etc/tixproof
umask 077
aws ssm get-parameters-by-path --region "$REGION" --path /tixproof/prod --with-decryption \
  --query 'Parameters[].[Name,Value]' --output text \
  | while IFS=$'\t' read -r name value; do printf '%s="%s"\n' "${name##*/}" "$value"; done \
  > /etc/tixproof/tixproof.env
echo "TIXPROOF_ROLES=\"$ROLES\"" >> /etc/tixproof/tixproof.env
if [[ -n "$MASTER_URL" ]]; then
  echo "MASTER_URL=$MASTER_URL" >> /etc/tixproof/tixproof.env
fi
