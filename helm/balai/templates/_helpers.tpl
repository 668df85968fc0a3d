{{/* Names ------------------------------------------------------------------ */}}
{{- define "balai.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "balai.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "balai.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "balai.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Labels ----------------------------------------------------------------- */}}
{{- define "balai.selectorLabels" -}}
app.kubernetes.io/name: {{ include "balai.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "balai.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "balai.selectorLabels" . }}
app.kubernetes.io/version: {{ include "balai.version" . | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: balai
{{- end -}}

{{/* Image ------------------------------------------------------------------ */}}
{{- define "balai.version" -}}
{{- default .Chart.AppVersion .Values.image.tag | trunc 63 -}}
{{- end -}}

{{- define "balai.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{/* Required values, with messages that say what to do ---------------------- */}}
{{- define "balai.validate" -}}
{{- $_ := required "domain is required: the platform's DNS name, e.g. --set domain=balai.example.id" .Values.domain -}}
{{- $_ := required "existingSecret is required: the name of a Secret with at least SECRET_KEY (see docs/operations.md)" .Values.existingSecret -}}
{{- $_ := required "externalDatabase.host is required: Balai needs an external PostgreSQL" .Values.externalDatabase.host -}}
{{- $_ := required "externalDatabase.existingSecret is required: the Secret holding the database password" .Values.externalDatabase.existingSecret -}}
{{- if eq .Values.media.storage "s3" -}}
{{- $_ := required "media.bucket is required when media.storage is s3" .Values.media.bucket -}}
{{- else -}}
{{- $_ := required "media.existingClaim is required when media.storage is filesystem" .Values.media.existingClaim -}}
{{- end -}}
{{- end -}}

{{/* Environment shared by web, worker and the migration Job. Plain values are
inlined (a pre-install hook cannot read a ConfigMap of the same release); secrets
are references to Secrets that exist before the release. */}}
{{- define "balai.secretEnv" -}}
{{- $root := .root -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret }}
      key: {{ .key }}
      optional: {{ .optional }}
{{- end -}}

{{- define "balai.env" -}}
{{- $db := .Values.externalDatabase -}}
- name: DEBUG
  value: "false"
- name: BALAI_DOMAIN
  value: {{ .Values.domain | quote }}
- name: BALAI_SCHEME
  value: "https"
- name: BALAI_PORT
  value: ""
- name: BALAI_RELEASE
  value: {{ include "balai.version" . | quote }}
- name: LOG_FORMAT
  value: "json"
- name: LOG_LEVEL
  value: {{ .Values.config.logLevel | quote }}
- name: DATABASE_URL
  value: {{ printf "postgres://%s@%s:%d/%s?sslmode=%s" $db.username $db.host (int $db.port) $db.database $db.sslMode | quote }}
- name: DB_CONN_MAX_AGE
  value: {{ $db.connMaxAge | quote }}
- name: DB_RECYCLE_AFTER_VILLAGES
  value: {{ $db.recycleAfterVillages | quote }}
- name: CLUSTER_BACKUP_REQUIRED
  value: {{ .Values.clusterBackup.enabled | quote }}
{{ include "balai.secretEnv" (dict "name" "DATABASE_PASSWORD" "secret" $db.existingSecret "key" $db.existingSecretPasswordKey "optional" false) }}
{{ include "balai.secretEnv" (dict "name" "SECRET_KEY" "secret" .Values.existingSecret "key" .Values.secretKeys.secretKey "optional" false) }}
{{- if .Values.redis.enabled }}
{{ include "balai.secretEnv" (dict "name" "REDIS_URL" "secret" (default .Values.existingSecret .Values.redis.existingSecret) "key" .Values.redis.existingSecretKey "optional" false) }}
{{- end }}
{{- range $name, $key := dict "STRIPE_SECRET_KEY" .Values.secretKeys.stripeSecretKey "STRIPE_WEBHOOK_SECRET" .Values.secretKeys.stripeWebhookSecret "SENTRY_DSN" .Values.secretKeys.sentryDsn "EMAIL_HOST_PASSWORD" .Values.secretKeys.emailPassword "METRICS_TOKEN" .Values.secretKeys.metricsToken "AWS_ACCESS_KEY_ID" .Values.secretKeys.s3AccessKeyId "AWS_SECRET_ACCESS_KEY" .Values.secretKeys.s3SecretAccessKey }}
{{ include "balai.secretEnv" (dict "name" $name "secret" $.Values.existingSecret "key" $key "optional" true) }}
{{- end }}
- name: MEDIA_STORAGE
  value: {{ .Values.media.storage | quote }}
{{- if eq .Values.media.storage "s3" }}
- name: AWS_STORAGE_BUCKET_NAME
  value: {{ .Values.media.bucket | quote }}
- name: BACKUP_STORAGE_BUCKET_NAME
  value: {{ default .Values.media.bucket .Values.media.backupBucket | quote }}
{{- with .Values.media.endpointUrl }}
- name: AWS_S3_ENDPOINT_URL
  value: {{ . | quote }}
{{- end }}
{{- with .Values.media.region }}
- name: AWS_S3_REGION_NAME
  value: {{ . | quote }}
{{- end }}
{{- if ne .Values.media.addressingStyle "auto" }}
- name: AWS_S3_ADDRESSING_STYLE
  value: {{ .Values.media.addressingStyle | quote }}
{{- end }}
- name: AWS_QUERYSTRING_EXPIRE
  value: {{ .Values.media.querystringExpire | quote }}
{{- else }}
- name: MEDIA_ROOT
  value: /var/lib/balai/media
- name: BACKUP_ROOT
  value: /var/lib/balai/backups
{{- end }}
- name: BACKUP_CRON
  value: {{ .Values.backups.cron | quote }}
- name: BACKUP_KEEP_DAILY
  value: {{ .Values.backups.keepDaily | quote }}
- name: BACKUP_KEEP_WEEKLY
  value: {{ .Values.backups.keepWeekly | quote }}
- name: BACKUP_KEEP_MONTHLY
  value: {{ .Values.backups.keepMonthly | quote }}
{{- with .Values.email.host }}
- name: EMAIL_HOST
  value: {{ . | quote }}
- name: EMAIL_PORT
  value: {{ $.Values.email.port | quote }}
- name: EMAIL_HOST_USER
  value: {{ $.Values.email.user | quote }}
- name: EMAIL_USE_TLS
  value: {{ $.Values.email.useTls | quote }}
{{- end }}
- name: DEFAULT_FROM_EMAIL
  value: {{ default (printf "Balai <noreply@%s>" .Values.domain) .Values.email.from | quote }}
- name: BALAI_CONTACT_EMAIL
  value: {{ default (printf "privasi@%s" .Values.domain) .Values.email.contact | quote }}
{{- if and (or .Values.ingress.enabled .Values.gateway.enabled) (not (hasKey .Values.config.extraEnv "TRUSTED_PROXY_HOPS")) }}
{{- /* Behind the ingress/gateway the client is the last X-Forwarded-For entry (rate limits). */}}
- name: TRUSTED_PROXY_HOPS
  value: "1"
{{- end }}
{{- range $name, $value := .Values.config.extraEnv }}
- name: {{ $name }}
  value: {{ $value | toString | quote }}
{{- end }}
{{- end -}}

{{/* Pod-level pieces ---------------------------------------------------------- */}}
{{- define "balai.podSecurity" -}}
automountServiceAccountToken: false
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{- define "balai.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.tmpSizeLimit }}
{{- end -}}

{{- define "balai.tmpMount" -}}
- name: tmp
  mountPath: /tmp
{{- end -}}

{{/* Web and worker: /tmp, plus the media volume when media lives on a filesystem. */}}
{{- define "balai.appVolumes" -}}
{{ include "balai.tmpVolume" . }}
{{- if eq .Values.media.storage "filesystem" }}
- name: media
  persistentVolumeClaim:
    claimName: {{ .Values.media.existingClaim }}
{{- end }}
{{- end -}}

{{- define "balai.appMounts" -}}
{{ include "balai.tmpMount" . }}
{{- if eq .Values.media.storage "filesystem" }}
- name: media
  mountPath: /var/lib/balai
{{- end }}
{{- end -}}

{{- define "balai.topologySpread" -}}
{{- if .root.Values.topologySpread.enabled }}
topologySpreadConstraints:
  {{- range list "topology.kubernetes.io/zone" "kubernetes.io/hostname" }}
  - maxSkew: {{ $.root.Values.topologySpread.maxSkew }}
    topologyKey: {{ . }}
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- include "balai.selectorLabels" $.root | nindent 8 }}
        app.kubernetes.io/component: {{ $.component }}
  {{- end }}
{{- end }}
{{- end -}}

{{/* Annotation that rolls the pods when configuration changes. */}}
{{- define "balai.checksum" -}}
checksum/config: {{ include "balai.env" . | sha256sum }}
{{- end -}}

{{/* A DNS-safe secret name for a custom domain's certificate. */}}
{{- define "balai.customDomainSecret" -}}
{{- $root := .root -}}
{{- default (printf "%s-cd-%s" (include "balai.fullname" $root) (.host | replace "." "-") | trunc 253) .tlsSecretName -}}
{{- end -}}

{{/* An ingress.extraHosts entry, a host name or {host, tlsSecretName}, as YAML. */}}
{{- define "balai.extraHost" -}}
{{- if kindIs "string" . -}}
host: {{ . | quote }}
tlsSecretName: ""
{{- else -}}
host: {{ .host | quote }}
tlsSecretName: {{ default "" .tlsSecretName | quote }}
{{- end -}}
{{- end -}}
